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
  /** The section may be written as several headings (e.g. "Root Cause" and "Resolution"): not reported as a duplicate. */
  allowSplit?: boolean;
  /** What the section must hold: summary fields, the impact, a timeline, or follow-up tasks. */
  holds?: ('duration' | 'impact' | 'root-cause' | 'timeline' | 'tasks')[];
}

/** What the style asks of each action item (rule action-items). */
export interface ActionItemsPolicy {
  /** How the tasks are written: a table (one row per task), a list, or either. */
  format: 'table' | 'list' | 'any';
  /** Each task names who owns it (an "Owner" column, "owner: …", "@name"). */
  requireOwner: boolean;
  /** Each task points at a ticket or bug (a "Bug"/"Ticket" column, "PROJ-123", "#123", a link). */
  requireTicket: boolean;
  /** Each task has a due date or a status (a column, a date, "done", a task-list checkbox). */
  requireDueOrStatus: boolean;
}

export interface Profile {
  id: string;
  name: string;
  description: string;
  /** The sections, in the order the style puts them (rule section-order). */
  sections: ProfileSection[];
  /** Word range the style asks for, if any. */
  wordCount?: { min: number; max: number };
  /** The heading level used when inserting a section (2 = "##"). */
  headingDepth: number;
  /** What each action item must carry; without it, only a list or table of tasks is asked for. */
  actionItems?: ActionItemsPolicy;
  /**
   * The whole document a new postmortem of this style starts from ("New Postmortem…", snippets), in Markdown,
   * with the slots ${title}, ${date} (YYYY-MM-DD) and ${zone}.
   */
  template?: string;
  /** Where the style comes from (a published template), for display. */
  source?: string;
}
