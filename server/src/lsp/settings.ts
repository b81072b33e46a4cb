/**
 * The `postmortem.*` settings, pulled per document with `workspace/configuration` (each folder of a
 * multi-root workspace has its own), cached until `didChangeConfiguration`.
 *
 * Clients that cannot answer `workspace/configuration` (plain LSP clients) may send the settings in
 * `initializationOptions` or in `didChangeConfiguration.settings.postmortem`; otherwise defaults apply.
 *
 * Precedence, lowest first: defaults < editor settings < .postmortemrc.json. The rc file is the
 * project's policy, checked in next to the postmortems, so for every key it sets it wins over a
 * user's editor settings (rules and zone aliases merge key by key, the rc file's entries winning).
 */
import type { Connection, DidChangeConfigurationParams } from './languageServer';
import { DEFAULT_POSTMORTEM_FILES } from '../engine/detect';
import type { LintOptions, RuleSetting } from '../engine/index';

export interface Settings {
  enable: boolean;
  profile: string;
  files: string[];
  detect: boolean;
  rules: Record<string, RuleSetting>;
  defaultZone: string;
  /** 'auto': the engine decides per document (engine/time/dateOrder.ts). */
  dateOrder: 'auto' | 'mdy' | 'dmy';
  zoneAliases: Record<string, string>;
  run: 'onType' | 'onSave';
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  profile: 'default',
  files: [...DEFAULT_POSTMORTEM_FILES],
  detect: true,
  rules: {},
  defaultZone: '',
  dateOrder: 'auto',
  zoneAliases: {},
  run: 'onType',
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

function normalizeRules(value: unknown): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  if (!isRecord(value)) return rules;
  for (const [id, setting] of Object.entries(value)) {
    if (typeof setting === 'string' && SEVERITIES.has(setting)) {
      rules[id] = setting as RuleSetting;
    } else if (Array.isArray(setting) && typeof setting[0] === 'string' && SEVERITIES.has(setting[0])) {
      const options = isRecord(setting[1]) ? setting[1] : {};
      rules[id] = [setting[0] as 'off' | 'info' | 'warning' | 'error', options];
    }
  }
  return rules;
}

function normalizeStringMap(value: unknown): Record<string, string> {
  const map: Record<string, string> = {};
  if (!isRecord(value)) return map;
  for (const [key, v] of Object.entries(value)) if (typeof v === 'string') map[key] = v;
  return map;
}

/** Reads whatever the client sent, keeping the valid fields over the defaults (or over `base`). */
export function normalizeSettings(raw: unknown, base: Readonly<Settings> = DEFAULT_SETTINGS): Settings {
  const s: Settings = {
    ...base,
    files: [...base.files],
    rules: { ...base.rules },
    zoneAliases: { ...base.zoneAliases },
  };
  if (!isRecord(raw)) return s;
  if (typeof raw.enable === 'boolean') s.enable = raw.enable;
  if (typeof raw.profile === 'string' && raw.profile.trim()) s.profile = raw.profile.trim();
  if (Array.isArray(raw.files)) s.files = raw.files.filter((f): f is string => typeof f === 'string');
  if (typeof raw.detect === 'boolean') s.detect = raw.detect;
  if (raw.rules !== undefined) s.rules = normalizeRules(raw.rules);
  if (typeof raw.defaultZone === 'string') s.defaultZone = raw.defaultZone.trim();
  if (raw.dateOrder === 'auto' || raw.dateOrder === 'mdy' || raw.dateOrder === 'dmy') s.dateOrder = raw.dateOrder;
  if (raw.zoneAliases !== undefined) s.zoneAliases = normalizeStringMap(raw.zoneAliases);
  if (raw.run === 'onType' || raw.run === 'onSave') s.run = raw.run;
  return s;
}

/** The lint options the editor settings ask for (before .postmortemrc.json is applied). */
export function settingsToOptions(settings: Settings): LintOptions {
  const options: LintOptions = {
    profile: settings.profile,
    rules: { ...settings.rules },
    zoneAliases: { ...settings.zoneAliases },
  };
  if (settings.dateOrder !== 'auto') options.dateOrder = settings.dateOrder;
  if (settings.defaultZone) options.defaultZone = settings.defaultZone;
  return options;
}

/** Settings a plain client sent: `{postmortem: {...}}`, `{settings: {postmortem: {...}}}` or the bare object. */
export function extractPostmortemSection(value: unknown): unknown {
  if (!isRecord(value)) return undefined;
  if (isRecord(value.postmortem)) return value.postmortem;
  if (isRecord(value.settings) && isRecord(value.settings.postmortem)) return value.settings.postmortem;
  const known = Object.keys(DEFAULT_SETTINGS);
  return Object.keys(value).some((k) => known.includes(k)) ? value : undefined;
}

export class SettingsStore {
  private pullModel = false;
  /** Settings pushed by the client (initializationOptions, didChangeConfiguration), over the defaults. */
  private global: Settings = normalizeSettings(undefined);
  private readonly perDocument = new Map<string, Promise<Settings>>();

  constructor(private readonly connection: Connection) {}

  init(supportsConfiguration: boolean, initializationOptions: unknown): void {
    this.pullModel = supportsConfiguration;
    const pushed = extractPostmortemSection(initializationOptions);
    if (pushed !== undefined) this.global = normalizeSettings(pushed);
  }

  /** Forget cached settings; keep settings pushed in the notification, if any. */
  didChangeConfiguration(params: DidChangeConfigurationParams): void {
    const pushed = extractPostmortemSection(params.settings);
    if (pushed !== undefined) this.global = normalizeSettings(pushed);
    this.perDocument.clear();
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }

  get(uri: string): Promise<Settings> {
    if (!this.pullModel) return Promise.resolve(this.global);
    let settings = this.perDocument.get(uri);
    if (!settings) {
      settings = this.pull(uri);
      this.perDocument.set(uri, settings);
    }
    return settings;
  }

  private async pull(uri: string): Promise<Settings> {
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'postmortem' });
      return isRecord(raw) ? normalizeSettings(raw, this.global) : this.global;
    } catch (error) {
      this.connection.console.warn(`postmortem: could not read settings for ${uri}: ${String(error)}`);
      this.perDocument.delete(uri);
      return this.global;
    }
  }
}
