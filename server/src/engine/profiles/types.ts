/** A profile is data: which sections a postmortem of this style has, how they may be titled, and what they hold. */
export interface ProfileSection {
  id: string;
  /** The canonical heading, used when inserting the section. */
  title: string;
  /** Other headings that mean this section (matched case-insensitively, ignoring punctuation and emoji). */
  aliases: string[];
  required: boolean;
  /** Markdown inserted under the heading by the required-sections fix and the templates. */
  skeleton: string;
  /** What the section must hold: summary fields, or a timeline. */
  /** The section may be written as several headings (e.g. "Root Cause" and "Resolution"): not reported as a duplicate. */
  allowSplit?: boolean;
  holds?: ('duration' | 'impact' | 'root-cause' | 'timeline' | 'tasks')[];
}

export interface Profile {
  id: string;
  name: string;
  description: string;
  sections: ProfileSection[];
  /** Word range the style asks for, if any. */
  wordCount?: { min: number; max: number };
  /** The heading level used when inserting a section (2 = "##"). */
  headingDepth: number;
}
