/**
 * section-order: the order in which the profile's sections first appear, against the profile's order. Readers
 * find a section where the template puts it; each section that comes before one it should follow is reported once.
 */
import { defineRule } from './util';

export default defineRule(
  {
    id: 'section-order',
    description: "Sections come in the profile's order.",
    defaultSeverity: 'warning',
    fixable: false,
  },
  (ctx, _options, report) => {
    const order = ctx.profile.sections.map((s) => s.id);
    const seen = new Set<string>();
    let furthest: { index: number; title: string; id: string } | null = null;
    for (const section of ctx.model.sections) {
      if (!section.id || seen.has(section.id)) continue;
      seen.add(section.id);
      const index = order.indexOf(section.id);
      if (index < 0) continue;
      if (furthest && index < furthest.index) {
        // The section it follows is written again further on ("Lessons Learned" before the timeline, "Action Items"
        // after it, both the corrective measures): that later part is in its place.
        const again = furthest.id;
        if (ctx.model.sections.some((s) => s.id === again && s.headingStart > section.headingStart)) continue;
        report({
          message: `"${section.heading}" comes after "${furthest.title}", but readers expect it before.`,
          start: section.headingStart,
          end: section.headingEnd,
        });
      } else {
        furthest = { index, title: section.heading, id: section.id };
      }
    }
  },
);
