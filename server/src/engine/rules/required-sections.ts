/**
 * required-sections: the sections the model matched against the profile's required ones. A postmortem without
 * its timeline or its root cause is not one a reader can use. The fix inserts the missing section's skeleton where the
 * profile's order puts it, in the document's line endings, never inside an open code fence or HTML block.
 */
import type { ModelContext } from '../model';
import type { ProfileSection } from '../profiles/types';
import type { TextEdit } from '../types';
import { defineRule } from './util';

const PLACEHOLDERS: Record<string, string> = {
  start: 'HH:MM',
  end: 'HH:MM',
  time: 'HH:MM',
  duration: 'N hours',
  zone: 'UTC',
};

/** The skeleton of a section, with its ${…} slots filled from the document where it can. */
export function sectionText(ctx: ModelContext, section: ProfileSection, depth: number, eol: string): string {
  const zone = ctx.model.zone?.text;
  const body = section.skeleton
    .replace(/\$\{(\w+)\}/g, (_, key: string) => (key === 'zone' && zone ? zone : (PLACEHOLDERS[key] ?? key)))
    .replace(/\n/g, eol);
  return `${'#'.repeat(Math.min(6, Math.max(1, depth)))} ${section.title}${eol}${eol}${body}${eol}`;
}

/** HTML blocks that a blank line does not end (CommonMark kinds 1-5): how each starts and what ends it. */
const HTML_BLOCKS: { open: RegExp; close: (m: RegExpExecArray) => string }[] = [
  { open: /^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)/i, close: (m) => `</${(m[1] as string).toLowerCase()}>` },
  { open: /^ {0,3}<!--/, close: () => '-->' },
  { open: /^ {0,3}<\?/, close: () => '?>' },
  { open: /^ {0,3}<![A-Za-z]/, close: () => '>' },
  { open: /^ {0,3}<!\[CDATA\[/, close: () => ']]>' },
];

/**
 * What closes a code fence or an HTML block (a comment, <!DOCTYPE, <pre>…) left open at the end of `text`: a section
 * appended after one would be read as part of it, and fixing again would append it again.
 */
export function openBlockCloser(text: string, eol: string): string {
  let fence: { char: string; length: number } | null = null;
  let html: string | null = null;
  // A carriage return alone ends a line too (CommonMark): "\r```" opens a fence as surely as "\n```".
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    if (html) {
      if (line.toLowerCase().includes(html)) html = null;
      continue;
    }
    const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (m) {
      const marks = m[1] as string;
      const rest = m[2] ?? '';
      if (!fence) {
        if (marks[0] === '`' && rest.includes('`')) continue; // not a fence: backticks in its info string
        fence = { char: marks[0] as string, length: marks.length };
      } else if (marks[0] === fence.char && marks.length >= fence.length && /^[ \t]*$/.test(rest)) {
        // Only spaces or tabs may follow a closing fence (CommonMark): after a no-break space it is still open.
        fence = null;
      }
      continue;
    }
    if (fence) continue;
    for (const kind of HTML_BLOCKS) {
      const open = kind.open.exec(line);
      if (!open) continue;
      const close = kind.close(open);
      if (!line.slice(open[0].length).toLowerCase().includes(close)) html = close;
      break;
    }
  }
  if (fence) return `${fence.char.repeat(fence.length)}${eol}`;
  if (html) return `${html}${eol}`;
  return '';
}

/** Where a missing section goes: after the last present section that precedes it in the profile, else before the first that follows. */
export function insertionFor(ctx: ModelContext, section: ProfileSection): TextEdit {
  const { model, text, lines, profile } = ctx;
  const eol = lines.eol;
  const order = profile.sections.map((s) => s.id);
  const index = order.indexOf(section.id);
  const present = model.sections.filter((s) => s.id !== null);
  const depth = present.find((s) => s.depth <= 6)?.depth ?? profile.headingDepth;
  const body = sectionText(ctx, section, depth, eol);
  const before = present.filter((s) => order.indexOf(s.id as string) < index);
  const after = present.filter((s) => order.indexOf(s.id as string) > index);
  let at: number;
  if (before.length) at = Math.max(...before.map((s) => s.end));
  else if (after.length) at = Math.min(...after.map((s) => s.headingStart));
  else at = text.length;
  // Never before a byte order mark: it stays the first character of the file.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (at < bom) at = bom;
  // Keep a blank line on both sides of the inserted section, adding only what is not already there.
  const head = text.slice(Math.max(0, at - 2), at).replace(/\r/g, '');
  const lead = at === bom ? '' : head.endsWith('\n\n') ? '' : head.endsWith('\n') ? eol : eol + eol;
  const trail = at >= text.length ? '' : eol;
  const closer = at >= text.length ? openBlockCloser(text, eol) : '';
  const closed = closer && !/\n$/.test(text) ? eol + closer : closer;
  return { start: at, end: at, newText: closed + (closer ? eol : lead) + body + trail };
}

/**
 * "**Root Causes:** Cascading failure due to …" among the header's fields (the Google SRE form): the root cause is
 * written out under its own label, a sentence or more, and needs no section of its own.
 */
function rootCauseAsField(ctx: ModelContext): boolean {
  // Only in a header of fields (no summary heading): under "## Issue Summary" the field is the summary's one-line cause.
  const summary = ctx.model.sections.find((s) => s.id === 'summary');
  if (!summary || summary.depth <= 6 || summary.kind === 'html') return false;
  const field = ctx.model.summary.rootCause;
  if (!field || field.text.trim().split(/\s+/).length < 8) return false;
  const lineStart = ctx.lines.lineStart(ctx.lines.lineOf(field.start));
  return /^[\s>*_-]*(?:\*\*|__)?[ \t]*root[ \t]+causes?(?:[ \t]+and[ \t]+resolution)?[ \t]*(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*$/i.test(
    ctx.text.slice(lineStart, field.start),
  );
}

export default defineRule(
  {
    id: 'required-sections',
    description: 'Every section the profile requires is present.',
    defaultSeverity: 'error',
    fixable: true,
  },
  (ctx, _options, report) => {
    const present = new Set(ctx.model.sections.map((s) => s.id));
    const anchor = ctx.model.sections.find((s) => s.depth === 1) ?? null;
    const missing = ctx.profile.sections.filter((s) => s.required && !present.has(s.id));
    if (
      missing.length &&
      missing.length === ctx.profile.sections.filter((s) => s.required).length &&
      ![...present].some((id) => id !== null)
    ) {
      // Nothing of a postmortem here: one message, not one per section.
      report({
        message: `This document has none of the sections of a postmortem (${missing.map((s) => s.title).join(', ')}).`,
        start: 0,
        end: Math.max(1, ctx.lines.lineEnd(1)),
        fix: { title: 'Add the postmortem sections', edits: missing.map((s) => insertionFor(ctx, s)) },
      });
      return;
    }
    for (const section of ctx.profile.sections) {
      if (!section.required || present.has(section.id) || (section.id === 'root-cause' && rootCauseAsField(ctx))) continue;
      const start = anchor ? anchor.headingStart : 0;
      const end = anchor ? anchor.headingEnd : ctx.lines.lineEnd(1);
      report({
        message: `The required "${section.title}" section is missing.`,
        start,
        end,
        fix: { title: `Add the "${section.title}" section`, edits: [insertionFor(ctx, section)] },
      });
    }
  },
);
