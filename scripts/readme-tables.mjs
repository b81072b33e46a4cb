// `npm run docs`: writes the README's settings, rules and commands tables from their sources,
// package.json (contributes.configuration, contributes.commands) and the engine's rule list (each rule's
// defineRule metadata, options included; scripts/rule-schema.mjs writes the same into the JSON schema), between
// the markers <!-- settings:start --> … <!-- settings:end --> (likewise rules, commands).
//
// Usage: node --import tsx scripts/readme-tables.mjs [--check]
//   --check   write nothing; exit 1 and name the stale tables if the README differs from what would be written.
// test/unit/readme-tables.test.ts checks the same tables cell by cell.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const README = path.join(ROOT, 'README.md');
export const TABLES = ['settings', 'rules', 'commands'];

/** What each command does, for the commands table (the title alone says little); a command missing here gets its title. */
const COMMAND_NOTES = {
  'postmortem.restartServer': 'Stops the language server and starts it again.',
  'postmortem.new':
    "Asks for a profile, a title, the date and the timeline's zone, then creates `YYYY-MM-DD-<title>.md` in `postmortem.newFileFolder` from that profile's template and opens it (never overwriting a file).",
  'postmortem.insertEntry':
    'Inserts a timeline entry stamped with the current time, written like its neighbours (marker, timestamp style, zone), in its chronological place.',
  'postmortem.sortTimeline': 'Sorts the timeline chronologically, moving each entry whole.',
  'postmortem.convertZone': "Converts the timeline's times to a zone you pick or type, each in the style it was written.",
  'postmortem.openPreview':
    "Opens the preview: the incident's figures, its timeline on a time axis, the problems and the rendered document.",
  'postmortem.openPreviewToSide':
    'The same preview beside the editor; it updates as you type. Also a button in the editor title of a postmortem.',
  'postmortem.exportHtml': 'Saves the preview as one self-contained HTML file.',
  'postmortem.importTimeline':
    'Reads a Slack export (folder or .zip), PagerDuty log entries, Statuspage incidents or chat lines (files, the clipboard or the selection), previews the entries and inserts the ones you keep, written like the timeline, in time order, skipping those already there. Pasting such text into the Timeline offers **Paste as timeline entries**.',
  'postmortem.showTrends':
    "Opens the incident trends: each incident's duration, time to detect and time to resolve over time with each month's or quarter's median, the count, median and 90th percentile per period, and every postmortem in a table that sorts by any column; a click opens the postmortem. Also a button on the Postmortems view.",
  'postmortem.refreshIndex':
    "Reads the workspace's postmortems again for the Postmortems view (it also follows saves, edits and file changes by itself).",
  'postmortem.groupIndex': 'Groups the Postmortems view by month, quarter, status (errors, incomplete, warnings, complete) or not at all.',
};

/** A table cell: one line, pipes escaped. */
function cell(text) {
  return String(text)
    .replace(/\r?\n+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

/** The default as the README shows it: JSON in backticks. */
export function formatDefault(value) {
  return '`' + JSON.stringify(value).replace(/,(?=["\d[{tfn])/g, ', ') + '`';
}

function describeSetting(spec) {
  let text = spec.markdownDescription ?? spec.description ?? '';
  // VS Code's setting links (#postmortem.files#) read as plain names outside the settings editor.
  text = text.replace(/`?#([\w.]+)#`?/g, '`$1`');
  if (Array.isArray(spec.enum)) {
    const values = spec.enum.map((v, i) =>
      spec.enumDescriptions?.[i] ? `\`${v}\` (${spec.enumDescriptions[i].replace(/\.$/, '')})` : `\`${v}\``,
    );
    text += ` One of ${values.join(', ')}.`;
  }
  return cell(text);
}

const OPTION_TYPES = { number: 'number', boolean: 'true or false', 'string[]': 'list of strings' };

/** A rule's options as the README shows them: name, type and default (details on the rule's page). */
export function optionsCell(options) {
  return Object.entries(options ?? {})
    .map(
      ([name, spec]) =>
        `\`${name}\` (${OPTION_TYPES[spec.type]}, default ${spec.default !== undefined ? formatDefault(spec.default) : cell(spec.defaultText ?? 'none')})`,
    )
    .join(', ');
}

async function loadRules() {
  const mod = await import(path.join(ROOT, 'server/src/engine/rules/index.ts'));
  return mod.ruleList ?? mod.default.ruleList;
}

/** The three tables' Markdown, by name. */
export async function renderTables() {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const properties = pkg.contributes.configuration.properties;
  const settings = [
    '| setting | default | description |',
    '| --- | --- | --- |',
    ...Object.entries(properties).map(([name, spec]) => `| \`${name}\` | ${formatDefault(spec.default)} | ${describeSetting(spec)} |`),
  ];
  const ruleList = await loadRules();
  const rules = [
    '| rule | default | fix | checks | options |',
    '| --- | --- | --- | --- | --- |',
    ...ruleList.map(
      (r) =>
        `| [${r.id}](docs/rules/${r.id}.md) | ${r.defaultSeverity} | ${r.fixable ? 'yes' : ''} | ${cell(r.description)} | ${optionsCell(r.options)} |`,
    ),
  ];
  const commands = [
    '| command | id | what it does |',
    '| --- | --- | --- |',
    ...pkg.contributes.commands.map(
      (c) => `| **${c.category ? `${c.category}: ` : ''}${c.title}** | \`${c.command}\` | ${cell(COMMAND_NOTES[c.command] ?? c.title)} |`,
    ),
  ];
  return { settings: settings.join('\n'), rules: rules.join('\n'), commands: commands.join('\n') };
}

/** The text between a table's markers (without the newlines next to them), or null when the markers are missing. */
export function section(readme, name) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = readme.indexOf(start);
  const b = readme.indexOf(end, a);
  if (a < 0 || b < 0) return null;
  return readme
    .slice(a + start.length, b)
    .replace(/^\r?\n/, '')
    .replace(/\r?\n$/, '');
}

function replaceSection(readme, name, body) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = readme.indexOf(start);
  const b = readme.indexOf(end, a);
  if (a < 0 || b < 0) throw new Error(`README.md has no ${start} … ${end} markers`);
  return `${readme.slice(0, a + start.length)}\n${body}\n${readme.slice(b)}`;
}

async function main() {
  const check = process.argv.includes('--check');
  const tables = await renderTables();
  const before = readFileSync(README, 'utf8');
  let after = before;
  for (const name of TABLES) after = replaceSection(after, name, tables[name]);
  if (check) {
    const stale = TABLES.filter((name) => section(before, name) !== tables[name]);
    if (stale.length) {
      console.error(`README.md: the ${stale.join(', ')} table(s) are out of date; run npm run docs`);
      process.exit(1);
    }
    console.log('README.md tables are up to date');
    return;
  }
  if (after !== before) writeFileSync(README, after);
  console.log(after !== before ? 'README.md tables updated' : 'README.md tables already up to date');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
