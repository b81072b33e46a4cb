import { defineRule } from './util';

export default defineRule(
  { id: 'timeline-timestamp', description: 'Every timeline entry starts with a possible timestamp.', defaultSeverity: 'warning', fixable: false },
  (ctx, _options, report) => {
    for (const entry of ctx.model.timeline) {
      const ts = entry.timestamp;
      if (!ts) {
        const lineEnd = Math.min(ctx.lines.lineEnd(entry.line), entry.end);
        report({ message: 'This timeline entry has no timestamp; start it with the time it happened.', start: entry.start, end: Math.max(entry.start + 1, lineEnd) });
        continue;
      }
      if (ts.problems.length) {
        report({ message: `Impossible timestamp "${ts.text}": ${ts.problems.join('; ')}.`, start: ts.start, end: ts.end });
      }
    }
  },
);
