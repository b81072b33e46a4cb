// Writes the whole-document snippets of the non-default profiles (`pm-postmortem-<profile>`) into
// postmortem.code-snippets from each profile's `template` (server/src/engine/profiles/*.json), so the
// snippets and "New Postmortem…" start from the same text. The other snippets of the file are
// written by hand and kept as they are. Run `node snippets/build-profile-snippets.mjs` after an edit
// of a profile; `--check` exits 1 when the file is out of date (test/unit/snippets.test.ts runs it).
//
// A template becomes a snippet body by these rules, each tab stop numbered in text order:
//   ${date}   today (YYYY-MM-DD), a placeholder the first time, mirrored after;
//   ${title}  "Service name outage", the same;
//   ${zone}   a choice of zones (the list of the hand-written snippets), mirrored after;
//   HH:MM     times in the current hour: in the timeline, spread from :00 to :45 in order; elsewhere
//             (a summary's "between HH:MM and HH:MM") the first is the start (:00) and the last the
//             end (:45); equal times are one stop, mirrored;
//   N hours   the duration those times give, "45 minutes", mirrored after;
//   …         a tab stop to type over.
// Anything else is text, with `$`, `}` and `\` escaped.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('./postmortem.code-snippets', import.meta.url));
const profilesDir = new URL('../server/src/engine/profiles/', import.meta.url);

/** The profiles that get a snippet, in this order (the default profile's `pm-postmortem` is hand-written). */
const PROFILES = ['google-sre', 'pagerduty', 'atlassian'];
/** The hand-written whole-document snippet the generated ones follow. */
const AFTER = 'Postmortem: whole document';
const ZONES = ['UTC', 'GMT', 'WAT', 'CAT', 'EAT', 'SAST', 'CET', 'CEST', 'EST', 'EDT', 'PST', 'PDT'];
const START_MINUTE = 0;
const END_MINUTE = 45;
const DURATION = `${END_MINUTE - START_MINUTE} minutes`;

const escapeText = (s) => s.replace(/[\\$}]/g, (c) => `\\${c}`);
const pad = (n) => String(n).padStart(2, '0');

/** The minutes each HH:MM of the template stands for, in text order. */
function minutesOf(template) {
  const lines = template.split('\n');
  const inTimeline = [];
  const elsewhere = [];
  let index = 0;
  for (const line of lines) {
    for (const _ of line.matchAll(/HH:MM/g)) {
      (/^\s*(?:[-*+]|\d+[.)])\s+HH:MM/.test(line) ? inTimeline : elsewhere).push(index);
      index++;
    }
  }
  const minutes = new Array(index);
  inTimeline.forEach((at, i) => {
    minutes[at] =
      inTimeline.length === 1 ? START_MINUTE : Math.round(START_MINUTE + ((END_MINUTE - START_MINUTE) * i) / (inTimeline.length - 1));
  });
  elsewhere.forEach((at, i) => {
    minutes[at] = i === elsewhere.length - 1 && i > 0 ? END_MINUTE : START_MINUTE;
  });
  return minutes;
}

/** The snippet body (lines) for a template. */
function bodyOf(template) {
  const minutes = minutesOf(template.replace(/\s*$/, '\n'));
  let next = 1;
  const stops = new Map();
  /** `${n:default}` the first time a key is seen, `$n` after. */
  const stop = (key, first) => {
    const n = stops.get(key);
    if (n !== undefined) return `$${n}`;
    stops.set(key, next);
    return first(next++);
  };
  let time = 0;
  const pieces = /\$\{(title|date|zone)\}|HH:MM|N hours|…/g;
  const text = template.replace(/\s*$/, '');
  let body = '';
  let last = 0;
  for (const m of text.matchAll(pieces)) {
    body += escapeText(text.slice(last, m.index));
    last = m.index + m[0].length;
    const slot = m[1];
    if (slot === 'date') body += stop('date', (n) => `\${${n}:$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE}`);
    else if (slot === 'title') body += stop('title', (n) => `\${${n}:Service name outage}`);
    else if (slot === 'zone') body += stop('zone', (n) => `\${${n}|${ZONES.join(',')}|}`);
    else if (m[0] === 'HH:MM') {
      const minute = minutes[time++];
      body += stop(`time ${minute}`, (n) => `\${${n}:$CURRENT_HOUR:${pad(minute)}}`);
    } else if (m[0] === 'N hours') body += stop('duration', (n) => `\${${n}:${DURATION}}`);
    else body += stop(`… ${m.index}`, (n) => `\${${n}:…}`);
  }
  body += escapeText(text.slice(last));
  return [...body.split('\n'), '$0'];
}

function snippetOf(profile) {
  const titles = profile.sections.filter((s) => s.required).map((s) => s.title);
  const description = `A whole postmortem in the ${profile.name.replace(/\s*\(.*\)$/, '')} style (front matter "profile: ${profile.id}"): ${titles.join(', ')}.`;
  return {
    scope: 'markdown',
    prefix: `pm-postmortem-${profile.id}`,
    isFileTemplate: true,
    description: description.length <= 250 ? description : `${description.slice(0, 248).replace(/,?\s+\S*$/, '')}…`,
    body: bodyOf(profile.template),
  };
}

const current = readFileSync(out, 'utf8');
const snippets = JSON.parse(current);
const generated = new Map();
for (const id of PROFILES) {
  const profile = JSON.parse(readFileSync(new URL(`${id}.json`, profilesDir), 'utf8'));
  if (typeof profile.template !== 'string') throw new Error(`${id}: no template`);
  const name = profile.name.replace(/\s*\(.*\)$/, '');
  generated.set(`Postmortem: whole document, ${name}`, snippetOf(profile));
}
const result = {};
for (const [key, value] of Object.entries(snippets)) {
  if (generated.has(key) || /^pm-postmortem-/.test(String(value.prefix))) continue;
  result[key] = value;
  if (key === AFTER) for (const [k, v] of generated) result[k] = v;
}
if (!Object.keys(result).some((k) => generated.has(k))) for (const [k, v] of generated) result[k] = v;

const json = `${JSON.stringify(result, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (current !== json) {
    console.error(`${out} is out of date: run node snippets/build-profile-snippets.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(out, json);
}
