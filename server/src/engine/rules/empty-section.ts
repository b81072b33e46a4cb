/**
 * empty-section: each matched section's body, from its heading to the next section, comments left out. A heading
 * with nothing under it (no letter or digit) reads as unfinished; one whose only content is its sub-sections does not.
 */
import { defineRule } from './util';

export default defineRule(
  {
    id: 'empty-section',
    description: 'A section has content under its heading.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  (ctx, _options, report) => {
    const sections = ctx.model.sections;
    sections.forEach((section, i) => {
      if (!section.id) return;
      // A heading whose only content is its own sub-sections is not empty.
      const next = sections[i + 1];
      const end = next && next.headingStart >= section.bodyStart && next.headingStart < section.end ? next.headingStart : section.end;
      const body = ctx.text.slice(section.bodyStart, end).replace(/<!--[\s\S]*?-->/g, '');
      if (/[\p{L}\p{N}]/u.test(body)) return;
      if (next && next.headingStart < section.end) return;
      report({
        message: `The "${section.heading}" section is empty.`,
        start: section.headingStart,
        end: section.headingEnd,
      });
    });
  },
);
