/**
 * duplicate-section: the headings the model matched to one profile section. The same heading twice is a real
 * duplicate (two "Timeline"s split what a reader wants in one place); different headings for one section ("Root
 * Cause", then "Resolution") are its parts and pass, and so is the same heading under parallel headings of the
 * document's own ("## Incident 1" / "### Timeline", "## Incident 2" / "### Timeline").
 */
import { normalizeHeading } from '../model/headings';
import { defineRule } from './util';

export default defineRule(
  { id: 'duplicate-section', description: 'A section appears only once.', defaultSeverity: 'warning', fixable: false },
  (ctx, _options, report) => {
    const sections = ctx.model.sections;
    const seen = new Map<string, number[]>();
    // The Markdown heading a section sits under (the nearest one above it of a higher rank), or null.
    const parentOf = (index: number): (typeof sections)[number] | null => {
      const depth = sections[index]?.depth ?? 7;
      if (depth > 6) return null;
      for (let i = index - 1; i >= 0; i--) if ((sections[i]?.depth ?? 7) < depth) return sections[i] ?? null;
      return null;
    };
    // A report of two incidents ("## Incident 1" and "## Incident 2", each with its own "### Timeline") repeats the
    // structure under parallel headings of its own (same rank, no section of the profile, other names): each part
    // is whole, nothing to merge.
    const parallel = (a: number, b: number): boolean => {
      const pa = parentOf(a);
      const pb = parentOf(b);
      return (
        !!pa &&
        !!pb &&
        pa !== pb &&
        pa.depth === pb.depth &&
        pa.id === null &&
        pb.id === null &&
        normalizeHeading(pa.heading) !== normalizeHeading(pb.heading)
      );
    };
    for (const [index, section] of sections.entries()) {
      if (!section.id) continue;
      const before = seen.get(section.id) ?? [];
      seen.set(section.id, [...before, index]);
      const at = before.find((i) => !parallel(i, index));
      const earlier = at === undefined ? undefined : sections[at];
      if (!earlier) continue;
      // Different headings for one section ("Root Cause", then "Resolution"; "Corrective measures", then "Tasks")
      // are parts of it; the same heading twice is a real duplicate.
      if (normalizeHeading(earlier.heading) !== normalizeHeading(section.heading)) continue;
      report({
        message: `"${section.heading}" repeats the section "${earlier.heading}" from line ${earlier.line}; merge them.`,
        start: section.headingStart,
        end: section.headingEnd,
      });
    }
  },
);
