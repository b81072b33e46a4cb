/**
 * SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../engine';
import type { FileReport, FormatContext } from './types';

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(sev: Severity): SarifLevel {
  return sev === 'error' ? 'error' : sev === 'warning' ? 'warning' : 'note';
}

/** A URI reference relative to cwd with forward slashes and escaped segments; an absolute file URI outside cwd. */
export function artifactUri(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(cwd, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

export function formatSarif(reports: FileReport[], ctx: FormatContext): string {
  const ruleIndex = new Map<string, number>();
  const rules: Record<string, unknown>[] = [];
  const addRule = (id: string): number => {
    const existing = ruleIndex.get(id);
    if (existing !== undefined) return existing;
    const info = ctx.rules.find((r) => r.id === id);
    const rule: Record<string, unknown> = {
      id,
      shortDescription: { text: info?.description || id },
      defaultConfiguration: { level: sarifLevel(info?.defaultSeverity ?? 'warning') },
    };
    if (info?.url) rule.helpUri = info.url;
    if (info) rule.properties = { fixable: info.fixable };
    rules.push(rule);
    ruleIndex.set(id, rules.length - 1);
    return rules.length - 1;
  };
  for (const r of ctx.rules) addRule(r.id);

  const results: Record<string, unknown>[] = [];
  for (const report of reports) {
    const location = artifactUri(report.file, ctx.cwd);
    for (const m of report.messages) {
      const region: Record<string, number> = { startLine: Math.max(1, m.line), startColumn: Math.max(1, m.column) };
      if (m.endLine >= m.line) {
        region.endLine = m.endLine;
        region.endColumn = Math.max(1, m.endLine === m.line ? Math.max(m.endColumn, m.column) : m.endColumn);
      }
      results.push({
        ruleId: m.ruleId,
        ruleIndex: addRule(m.ruleId),
        level: sarifLevel(m.severity),
        message: { text: m.message },
        locations: [{ physicalLocation: { artifactLocation: location, region } }],
      });
    }
  }

  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: ctx.toolName,
            version: ctx.version,
            semanticVersion: ctx.version,
            informationUri: ctx.informationUri,
            rules,
          },
        },
        originalUriBaseIds: {
          '%SRCROOT%': { uri: pathToFileURL(ctx.cwd.endsWith(path.sep) ? ctx.cwd : ctx.cwd + path.sep).href },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
