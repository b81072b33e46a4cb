/**
 * word-count: the model's word count (fenced code and front matter left out) against the profile's range or the
 * options. Too short usually means sections left thin; too long, a postmortem nobody finishes.
 */
import { defineRule } from './util';

export default defineRule(
  {
    id: 'word-count',
    description: "The postmortem's length is within the profile's range.",
    defaultSeverity: 'info',
    fixable: false,
    options: {
      min: {
        type: 'number',
        defaultText: "the profile's wordCount.min",
        description: 'Fewest words; overrides the profile.',
      },
      max: {
        type: 'number',
        defaultText: "the profile's wordCount.max",
        description: 'Most words; overrides the profile.',
      },
    },
  },
  (ctx, options, report) => {
    const range = ctx.profile.wordCount;
    const min = options.min ?? range?.min ?? 0;
    const max = options.max ?? range?.max ?? Number.POSITIVE_INFINITY;
    const n = ctx.model.wordCount;
    if (n >= min && n <= max) return;
    report({
      message: `The postmortem has ${n} words; this style asks for ${min} to ${max}.`,
      start: 0,
      end: Math.max(1, ctx.lines.lineEnd(1)),
    });
  },
);
