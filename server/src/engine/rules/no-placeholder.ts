/**
 * no-placeholder: the whole text, outside code, for what templates leave behind (TODO, TBD, [insert …],
 * <fill in>, {{NAME}}, HH:MM, ???). A placeholder published is a question the postmortem never answered. "The TODO
 * list" (the word talked about) and "TODO: <a real task>" inside the action items are not placeholders.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { ModelContext } from '../model';
import { defineRule } from './util';
import { lineBounds } from '../util/lines';

const PLACEHOLDER = new RegExp(
  [
    String.raw`\b(?:TODO|TBD|TBA|FIXME|XXX+)\b`,
    String.raw`\[\s*(?:insert|add|fill|your|enter|describe|todo)\b[^\]\n]{0,60}\]`,
    String.raw`<\s*(?:fill|insert|add|your|enter)\b[^>\n]{0,60}>`,
    String.raw`\{\{?\s*[A-Z][A-Z_ ]{1,30}\s*\}?\}`,
    String.raw`\blorem ipsum\b`,
    String.raw`\b[Hh]{2}:[Mm]{2}\b`,
    String.raw`\?{3,}`,
  ].join('|'),
  'g',
);

const MENTIONED = /^(?:TODO|FIXME)$/;
/** "TODO", "## TODO", "**TODO List:**", "TODOs:": the heading or label of the task list, alone on its line. */
const TODO_LABEL =
  /^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+)?(?:\*\*|__|\*|_)?[ \t]*(?:TODO|To-?Do)s?(?:[ \t]+(?:list|items?|tasks?))?[ \t]*:?[ \t]*(?:\*\*|__|\*|_)?[ \t]*:?[ \t]*$/i;
/** "TODO: patch the load balancer", "- TODO - add an alert": a task marked as one; what follows is the task. */
const TODO_TASK =
  /^[ \t]*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?(?:\[[ xX]\][ \t]+)?(?:\*\*|__)?TODO(?:[ \t]+list)?(?:\*\*|__)?[ \t]*[:\-–—][ \t]*(?:\*\*|__)?[ \t]*(.*)$/i;
/** What a note left to oneself says, not a task of the incident: "add details here", "fill in later". */
const NOTE_TO_SELF =
  /^(?:add|fill|write|complete|finish|describe|insert|expand|document|link|attach|update)\b[^.]{0,40}\b(?:here|later|section|this|details?|info(?:rmation)?|below|above|timeline|summary|email|links?|graphs?|charts?|screenshots?|images?|figures?|numbers?|metrics|references?|diagrams?)\b|\b(?:tbd|tba|xxx|\?\?\?)\b/i;

/** The line around an offset. */
function lineAround(text: string, at: number): string {
  const { start, end } = lineBounds(text, at);
  return text.slice(start, end);
}
const ARTICLE_BEFORE = /\b(?:an?|the|each|every|this|that|your|our|its)\s+$/i;

function codeRanges(tree: Root): [number, number][] {
  const ranges: [number, number][] = [];
  visit(tree, (node) => {
    if ((node.type === 'code' || node.type === 'inlineCode' || node.type === 'yaml') && node.position) {
      ranges.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0]);
    }
  });
  return ranges;
}

/**
 * "TODO" that names the task list rather than a blank: the list's heading or label alone on its line ("## TODO",
 * "TODO List:"), or the marker of a real task in the section that holds the tasks ("TODO: add an alert on the
 * 5xx rate"): four words or more that are not a note to oneself.
 */
function isTaskMarker(ctx: ModelContext, at: number): boolean {
  const line = lineAround(ctx.text, at);
  if (TODO_LABEL.test(line)) return true;
  const task = TODO_TASK.exec(line);
  if (!task) return false;
  const rest = (task[1] ?? '').trim();
  if (rest.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length < 4 || NOTE_TO_SELF.test(rest)) return false;
  const holdsTasks = new Set(ctx.profile.sections.filter((s) => s.holds?.includes('tasks')).map((s) => s.id));
  return ctx.model.sections.some((s) => s.id !== null && holdsTasks.has(s.id) && at >= s.bodyStart && at < s.end);
}

export default defineRule(
  {
    id: 'no-placeholder',
    description: 'No template placeholder is left in the text.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  (ctx, _options, report, tree) => {
    PLACEHOLDER.lastIndex = 0;
    let code: [number, number][] | null = null;
    for (let m = PLACEHOLDER.exec(ctx.text); m; m = PLACEHOLDER.exec(ctx.text)) {
      const start = m.index;
      // Walk the tree for code only when there is something to check against it.
      code ??= codeRanges(tree);
      if (code.some(([a, b]) => start >= a && start < b)) continue;
      // "like a TODO", "the TODO list": the word talked about, not a blank left to fill.
      if (MENTIONED.test(m[0]) && ARTICLE_BEFORE.test(ctx.text.slice(Math.max(0, start - 12), start))) continue;
      if (m[0] === 'TODO' && isTaskMarker(ctx, start)) continue;
      report({
        message: `"${m[0]}" is a placeholder left in the text; replace it with what happened.`,
        start,
        end: start + m[0].length,
      });
    }
  },
);
