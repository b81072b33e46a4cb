/**
 * duplicate-section: the headings the model matched to one profile section. The same heading twice is a real
 * duplicate (two "Timeline"s split what a reader wants in one place); different headings for one section ("Root
 * Cause", then "Resolution") are its parts and pass.
 */
import { normalizeHeading } from '../model/headings';
import { defineRule } from './util';

export default defineRule(
  { id: 'duplicate-section', description: 'A section appears only once.', defaultSeverity: 'warning', fixable: false },
  (ctx, _options, report) => {
    const first = new Map<string, { heading: string; line: number }>();
    for (const section of ctx.model.sections) {
      if (!section.id) continue;
      const earlier = first.get(section.id);
      if (!earlier) {
        first.set(section.id, { heading: section.heading, line: section.line });
        continue;
      }
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
