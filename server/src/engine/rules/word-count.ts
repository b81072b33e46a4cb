import { defineRule, numberOption } from './util';

export default defineRule(
  { id: 'word-count', description: "The postmortem's length is within the profile's range.", defaultSeverity: 'info', fixable: false },
  (ctx, options, report) => {
    const range = ctx.profile.wordCount;
    const min = numberOption(options, 'min', range?.min ?? 0);
    const max = numberOption(options, 'max', range?.max ?? Number.POSITIVE_INFINITY);
    const n = ctx.model.wordCount;
    if (n >= min && n <= max) return;
    report({ message: `The postmortem has ${n} words; this style asks for ${min} to ${max}.`, start: 0, end: Math.max(1, ctx.lines.lineEnd(1)) });
  },
);
