/**
 * `postmortem/render`: the document as sanitised HTML (markdown.ts), and the incident's overview as HTML we
 * write ourselves (markup.ts): a card of figures (figures.ts), a timeline on a true time axis (timelineSvg.ts)
 * and the problems list (problems.ts).
 */
import type { Element } from 'hast';
import type { PostmortemModel } from '../../engine/index';
import type { Analysis } from '../analysis';
import type { Figures, RenderDiagnostic, RenderResult as RenderResultOf } from '../../../../shared/protocol';
import { card, figuresOf } from './figures';
import { renderMarkdown } from './markdown';
import { toHtml } from './markup';
import { problems } from './problems';
import { timeline } from './timelineSvg';

export type { Figures, RenderDiagnostic, RenderParams } from '../../../../shared/protocol';
export type RenderResult = RenderResultOf<PostmortemModel>;
export { figuresOf } from './figures';
export { renderMarkdown } from './markdown';

function titleOf(text: string, uri: string): string {
  const m = /^#[ \t]+(.+?)[ \t#]*$/m.exec(text);
  if (m?.[1]) return m[1].replace(/[*_`]/g, '').trim();
  const name = decodeURIComponent(uri.split('/').pop() ?? uri);
  return name.replace(/\.(md|markdown)$/i, '');
}

export function render(analysis: Analysis, width = 720): RenderResult {
  const text = analysis.document.getText();
  const model = analysis.result?.model ?? null;
  const diagnostics: RenderDiagnostic[] = analysis.isPostmortem
    ? (analysis.result?.messages ?? []).map((m) => ({
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
        severity: m.severity,
        message: m.message,
        ruleId: m.ruleId,
      }))
    : [];
  const empty: Figures = {
    start: null,
    end: null,
    duration: null,
    declaredDuration: null,
    durationMinutes: null,
    declaredDurationMinutes: null,
    durationMismatch: false,
    timeToDetect: null,
    timeToAcknowledge: null,
    timeToMitigate: null,
    timeToResolve: null,
    entries: 0,
    placedEntries: 0,
    zone: null,
  };
  const figures = model ? figuresOf(model) : empty;
  const overview =
    model && analysis.isPostmortem ? [card(model, figures), timeline(model, width)].filter((e): e is Element => e !== null) : [];
  const problemList = problems(diagnostics);
  return {
    uri: analysis.uri,
    version: analysis.version,
    isPostmortem: analysis.isPostmortem,
    title: titleOf(text, analysis.uri),
    profile: model?.profile || analysis.options.profile || analysis.settings.profile,
    html: renderMarkdown(text),
    overviewHtml: toHtml(overview),
    problemsHtml: problemList ? toHtml([problemList]) : '',
    figures,
    model,
    diagnostics,
  };
}
