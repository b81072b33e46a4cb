/** The problems list under the overview: one line per diagnostic, clickable to its place in the document. */
import type { Element } from 'hast';
import type { LintMessage } from '../../engine/index';
import type { RenderDiagnostic } from '../../../../shared/protocol';
import { h } from './markup';

export function problems(diagnostics: RenderDiagnostic[]): Element | null {
  if (!diagnostics.length) return null;
  const icon: Record<LintMessage['severity'], string> = { error: '⛔', warning: '⚠', info: 'ℹ' };
  return h(
    'section',
    { className: ['pm-problems'] },
    h('h2', { className: ['pm-section-title'] }, `Problems`, h('span', { className: ['pm-muted'] }, ` · ${diagnostics.length}`)),
    h(
      'ul',
      {},
      diagnostics.map((d) =>
        h(
          'li',
          {
            className: ['pm-problem', `pm-sev-${d.severity}`],
            dataLine: String(d.line),
            dataColumn: String(d.column),
            tabIndex: 0,
            role: 'button',
          },
          h('span', { className: ['pm-problem-icon'], ariaHidden: 'true' }, icon[d.severity]),
          h('span', { className: ['pm-problem-message'] }, d.message),
          h('span', { className: ['pm-problem-where'] }, `${d.ruleId} · line ${d.line}`),
        ),
      ),
    ),
  );
}
