import type { ListItem, Nodes, Root, Table, TableRow } from 'mdast';
import { visit } from 'unist-util-visit';
import type { ModelContext } from '../model';
import type { ActionItemsPolicy } from '../profiles/types';
import { endOf, plainText, startOf } from '../model/mdast';
import { defineRule } from './util';

/**
 * action-items: the corrective actions are concrete tasks (list items or table rows), each with what the profile
 * asks of it: an owner, a ticket, a due date or status. The default profile asks only for tasks.
 */

interface Task {
  start: number;
  /** End of the task's first line, for the message's range. */
  lineEnd: number;
  text: string;
  /** A task-list checkbox is a status. */
  checked: boolean | null;
  /** Cells by column role, when the task is a table row. */
  cells?: Partial<Record<Role, string>>;
}

type Role = 'owner' | 'ticket' | 'due' | 'status';

const COLUMN: [Role, RegExp][] = [
  ['owner', /\b(?:owners?|assignees?|assigned(?: to)?|responsible|who|dri|lead|team)\b/i],
  ['ticket', /\b(?:bugs?|tickets?|issues?|jira|tracking|tracker|links?|ref(?:erence)?|pr|task id|id)\b|#/i],
  ['due', /\b(?:due(?: date)?|deadline|date|eta|target|when|by)\b/i],
  ['status', /\b(?:status|state|progress|done)\b/i],
];

const EMPTY_CELL = /^\s*(?:|[-—–?]+|…|\.\.\.|tbd|tba|n\/?a|none|todo|unknown|unassigned|\?+)\s*$/i;

const OWNER = [
  /\b(?:owner|owned by|owners|assignee|assigned to|dri|responsible)\b\s*[:=—–-]?\s*[\p{L}@]/iu,
  /(?<![\w.])@[A-Za-z][\w-]*/,
  /\((?:@?[A-Z][a-z]+(?: [A-Z][a-z]+)?|(?:the )?[\w-]+ team|team [\w-]+)\)/,
  /[—–]\s*(?:@?[A-Z][a-z]+(?: [A-Z][a-z]+)?|(?:the )?[\w-]+ team)\s*(?:[,.;)]|$)/,
];
const TICKET = [
  /\b[A-Z][A-Z0-9]{1,9}-\d+\b/,
  /(?:^|[\s(,])#\d+\b/,
  /\b(?:bug|ticket|issue|jira|b)\s*[:/#]?\s*#?\d{2,}\b/i,
  /https?:\/\/\S*(?:issues?|tickets?|browse|bugs?|jira|pull|tasks?|linear\.app|\/-\/)\S*/i,
];
const DUE = [
  /\b(?:due|by|before|deadline|eta|target)\b\s*[:=]?\s*(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|q[1-4]\b|(?:the )?end of|next (?:week|sprint|month|quarter)|(?:mon|tues|wednes|thurs|fri)day)/i,
  /\b\d{4}-\d{2}-\d{2}\b/,
  /\bQ[1-4][ -]?\d{4}\b/,
];
const STATUS = [
  /\bstatus\b\s*[:=]\s*\S/i,
  /[([]\s*(?:done|completed?|in progress|in review|open|closed|blocked|not started|planned|todo|to do|wip|fixed|merged|shipped)\s*[)\]]/i,
  /(?:\*\*|__)\s*(?:done|completed?|in progress|open|closed|blocked|not started|planned|fixed|merged)\s*(?:\*\*|__)/i,
  /[—–:|]\s*(?:done|completed|in progress|not started|planned|blocked|fixed|merged)\s*\.?\s*$/i,
];

const has = (res: RegExp[], text: string): boolean => res.some((re) => re.test(text));

function tasksIn(tree: Root, ctx: ModelContext, ranges: [number, number][]): { tasks: Task[]; tables: number; lists: number } {
  const inside = (n: { position?: { start: { offset?: number } } }): boolean => {
    const at = startOf(n);
    return ranges.some(([a, b]) => at >= a && at < b);
  };
  const overlaps = (n: { position?: { start: { offset?: number }; end: { offset?: number } } }): boolean =>
    ranges.some(([a, b]) => startOf(n) < b && endOf(n) > a);
  const tasks: Task[] = [];
  const blocks: Row[][] = [];
  let tables = 0;
  let lists = 0;
  const firstLineEnd = (start: number, end: number): number => Math.min(end, ctx.lines.lineEnd(ctx.lines.lineOf(start)));
  // Only the blocks of the action sections are walked: a long timeline elsewhere costs nothing here.
  const visitor = (node: Nodes): 'skip' | undefined => {
    if (node.type === 'list' && inside(node)) {
      lists++;
      for (const item of node.children as ListItem[]) {
        const text = plainText(item as Nodes).trim();
        if (!/[\p{L}\p{N}]/u.test(text)) continue;
        tasks.push({
          start: startOf(item),
          lineEnd: firstLineEnd(startOf(item), endOf(item)),
          text: ctx.text.slice(startOf(item), endOf(item)),
          checked: item.checked ?? null,
        });
      }
      return 'skip';
    }
    if (node.type === 'table' && inside(node)) {
      tables++;
      const table = node as Table;
      const [header, ...rows] = table.children as TableRow[];
      const roles = (header?.children ?? []).map((cell) => COLUMN.find(([, re]) => re.test(plainText(cell as Nodes)))?.[0] ?? null);
      for (const row of rows) {
        const cellTexts = row.children.map((c) => plainText(c as Nodes).trim());
        if (!cellTexts.some((t) => /[\p{L}\p{N}]/u.test(t) && !EMPTY_CELL.test(t))) continue;
        const cells: Partial<Record<Role, string>> = {};
        roles.forEach((role, i) => {
          if (role && cells[role] === undefined) cells[role] = cellTexts[i] ?? '';
        });
        tasks.push({
          start: startOf(row),
          lineEnd: endOf(row),
          text: ctx.text.slice(startOf(row), endOf(row)),
          checked: null,
          cells,
        });
      }
      return 'skip';
    }
    // An HTML list ("<ul><li>Check the syntax …</li></ul>"): each item with text is a task.
    if (node.type === 'html' && overlaps(node)) {
      for (const [a, b] of ranges) {
        const from = Math.max(a, startOf(node));
        const to = Math.min(b, endOf(node));
        const LI = /<li\b[^>]*>([\s\S]*?)(?=<li\b|<\/li\s*>|<\/[ou]l\s*>|$)/gi;
        const html = ctx.text.slice(from, to);
        for (let m = LI.exec(html); m; m = LI.exec(html)) {
          const words = (m[1] ?? '')
            .replace(/<[^>]*>/g, ' ')
            .replace(/&[a-z#\d]+;/gi, ' ')
            .trim();
          if (!/[\p{L}\p{N}]/u.test(words)) continue;
          const start = from + m.index;
          lists++;
          tasks.push({ start, lineEnd: firstLineEnd(start, from + m.index + m[0].length), text: words, checked: null });
        }
        // Paragraphs, one task each ("<p>:small_orange_diamond:Add a check …</p>"), read like prose lines.
        const P = /<p\b[^>]*>([\s\S]*?)<\/p\s*>/gi;
        const rows: Row[] = [];
        for (let m = P.exec(html); m; m = P.exec(html)) {
          const words = (m[1] ?? '')
            .replace(/<[^>]*>/g, ' ')
            .replace(/&[a-z#\d]+;/gi, ' ')
            .replace(/^(?:\s*:[a-z0-9_+-]+:)+/i, '')
            .trim();
          if (/[\p{L}\p{N}]/u.test(words))
            rows.push({
              start: from + m.index,
              end: firstLineEnd(from + m.index, from + m.index + m[0].length),
              text: words,
            });
        }
        if (rows.length) blocks.push(rows);
      }
      return 'skip';
    }
    // Prose lines (and indented lines Markdown reads as code) may still be tasks, one per line.
    const fenced = node.type === 'code' && /^\s*(?:```|~~~)/.test(ctx.text.slice(startOf(node), startOf(node) + 8));
    if ((node.type === 'paragraph' || (node.type === 'code' && !fenced)) && overlaps(node)) {
      for (const [a, b] of ranges) {
        const from = Math.max(a, startOf(node));
        const to = Math.min(b, endOf(node));
        if (from < to) blocks.push(linesOf(ctx, from, to));
      }
      return 'skip';
    }
    return undefined;
  };
  // The blocks are in document order: those before the first range or after the last one are not looked at.
  let lowest = Number.POSITIVE_INFINITY;
  let highest = Number.NEGATIVE_INFINITY;
  for (const [a, b] of ranges) {
    lowest = Math.min(lowest, a);
    highest = Math.max(highest, b);
  }
  for (const block of tree.children) {
    if (endOf(block) <= lowest) continue;
    if (startOf(block) >= highest) break;
    if (overlaps(block)) visit(block, visitor);
  }
  // Each block on its own, and all of them together ("Ensure logging is on." indented, then "Test locally.").
  const seen = new Set(tasks.map((t) => t.start));
  for (const t of [...blocks.flatMap((b) => lineTasks(b)), ...lineTasks(blocks.flat())]) {
    if (seen.has(t.start)) continue;
    seen.add(t.start);
    tasks.push(t);
  }
  tasks.sort((a, b) => a.start - b.start);
  return { tasks, tables, lists };
}

const BULLET_LIKE = /^(?:[-*•–+]|\d{1,2}\s*[-.)]|[a-z]\))\s*(?=\S)/;

interface Row {
  start: number;
  end: number;
  text: string;
}

function linesOf(ctx: ModelContext, from: number, to: number): Row[] {
  const rows: Row[] = [];
  for (let l = ctx.lines.lineOf(from); l <= ctx.lines.lineOf(Math.max(from, to - 1)); l++) {
    const start = Math.max(from, ctx.lines.lineStart(l));
    const end = Math.min(to, ctx.lines.lineEnd(l));
    const text = ctx.text
      .slice(start, end)
      .replace(/^[\s>]*(?:\*\*|__)?/, '')
      .trim();
    if (text) rows.push({ start, end, text });
  }
  return rows;
}

/**
 * Tasks written without Markdown list syntax: "1- Update the docs", "-Add a check", or lines that each start a new
 * item ("Add monitoring on memory.", then "Test the restore every quarter."). Lines ending with ":" are labels
 * ("Tasks:"). Hard-wrapped prose, whose lines continue a sentence, is not a list.
 */
function lineTasks(rows: Row[]): Task[] {
  const items = rows.filter((r) => !/:\s*(?:\*\*|__)?$/.test(r.text));
  if (!items.length) return [];
  const startsItem = (t: string): boolean => BULLET_LIKE.test(t) || /^[\p{Lu}\p{N}]/u.test(t);
  const isList = items.length === 1 ? BULLET_LIKE.test(items[0]?.text ?? '') : items.every((r) => startsItem(r.text));
  if (!isList)
    return items.filter((r) => BULLET_LIKE.test(r.text)).map((r) => ({ start: r.start, lineEnd: r.end, text: r.text, checked: null }));
  return items.map((r) => ({ start: r.start, lineEnd: r.end, text: r.text, checked: null }));
}

function lacks(task: Task, policy: ActionItemsPolicy): string[] {
  const cell = (role: Role): boolean | null => {
    const v = task.cells?.[role];
    return v === undefined ? null : !EMPTY_CELL.test(v);
  };
  const missing: string[] = [];
  if (policy.requireOwner && !(cell('owner') ?? has(OWNER, task.text))) missing.push('owner');
  if (policy.requireTicket && !(cell('ticket') ?? has(TICKET, task.text))) missing.push('ticket');
  if (policy.requireDueOrStatus) {
    const due = cell('due') ?? has(DUE, task.text);
    const status = cell('status') ?? (task.checked !== null || has(STATUS, task.text));
    if (!due && !status) missing.push('due date or status');
  }
  return missing;
}

const EXAMPLE: Record<string, string> = {
  owner: 'owner: @sam',
  ticket: 'OPS-142',
  'due date or status': 'due 2025-04-30',
};

export default defineRule(
  {
    id: 'action-items',
    description: 'Corrective actions are concrete tasks, each with the owner, ticket and due date or status the profile asks for.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  (ctx, _options, report, tree) => {
    const ids = new Set(ctx.profile.sections.filter((s) => s.holds?.includes('tasks')).map((s) => s.id));
    if (!ids.size) ids.add('corrective-actions');
    const sections = ctx.model.sections.filter((s) => s.id !== null && ids.has(s.id));
    const first = sections[0];
    if (!first) return;
    const body = sections
      .map((s) => ctx.text.slice(s.bodyStart, s.end))
      .join('\n')
      .replace(/<!--[\s\S]*?-->/g, '');
    // An empty section is empty-section's finding.
    if (!/[\p{L}\p{N}]/u.test(body)) return;
    const { tasks, tables } = tasksIn(
      tree,
      ctx,
      sections.map((s) => [s.bodyStart, s.end]),
    );
    const policy = ctx.profile.actionItems;
    if (!tasks.length) {
      report({
        message:
          'The corrective actions are not written as tasks; list them one per bullet or table row (e.g. "- [ ] Alert when the connection pool stays above 90%"), so each can be owned and tracked.',
        start: first.headingStart,
        end: first.headingEnd,
      });
      return;
    }
    if (!policy) return;
    if (policy.format === 'table' && !tables) {
      const columns = [
        'Action Item',
        'Type',
        ...(policy.requireOwner ? ['Owner'] : []),
        ...(policy.requireTicket ? ['Bug'] : []),
        ...(policy.requireDueOrStatus ? ['Due'] : []),
      ];
      report({
        message: `This style writes the action items as a table, one row per task (${columns.join(' | ')}).`,
        start: first.headingStart,
        end: first.headingEnd,
      });
    }
    for (const task of tasks) {
      const missing = lacks(task, policy);
      if (!missing.length) continue;
      const list = missing.map((m) => `no ${m}`);
      const said = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}` : list[0];
      report({
        message: `This action item has ${said}; add ${missing.length > 1 ? 'them' : 'it'} (e.g. "${missing.map((m) => EXAMPLE[m]).join(', ')}").`,
        start: task.start,
        end: Math.max(task.start + 1, task.lineEnd),
      });
    }
  },
);
