import type { ZoneRef } from '../time/types';
import { abbreviationFor, formatOffset, ianaOffset } from '../time/zones';
import { defineRule } from './util';

/** Standard-time abbreviations that whole regions keep all year (Arizona, Queensland, the Northern Territory). */
const YEAR_ROUND = new Set(['MST', 'AEST', 'ACST']);

/**
 * The abbreviation the region's clocks showed at `instant` when it is not the one written: standard time written in
 * summer ("PST" in September: PDT) or summer time in winter ("EDT" in January: EST). Null when it fits, or cannot say.
 */
function outOfSeason(zone: ZoneRef, instant: number): { wanted: string; offsetMinutes: number } | null {
  if (zone.daylight === undefined || !zone.region || zone.generic || zone.conflict || zone.offsetMinutes === undefined) return null;
  if (!zone.daylight && YEAR_ROUND.has(zone.text.toUpperCase())) return null;
  const actual = ianaOffset(zone.region, instant);
  if (actual === null || actual === zone.offsetMinutes) return null;
  const wanted = abbreviationFor(zone.region, actual);
  return wanted && wanted !== zone.text.toUpperCase() ? { wanted, offsetMinutes: actual } : null;
}

function utc(offset: number): string {
  return `UTC${offset === 0 ? '' : formatOffset(offset, { pad: false }).replace('-', '−')}`;
}

function shiftText(minutes: number): string {
  const abs = Math.abs(minutes);
  const size = abs % 60 === 0 ? `${abs / 60} hour${abs === 60 ? '' : 's'}` : `${abs} minutes`;
  return `${size} ${minutes > 0 ? 'later' : 'earlier'}`;
}

/**
 * timezone-valid: every zone written in the timeline and the summary's window, and a zone stated once. An unknown
 * abbreviation cannot be converted; an ambiguous one (IST, CST) can be read wrongly; standard time written in summer
 * ("PST" in September) is an hour off. `zoneAliases` settles the first two.
 */
export default defineRule(
  {
    id: 'timezone-valid',
    description: 'Timezones are known, unambiguous and in season.',
    defaultSeverity: 'warning',
    fixable: false,
    options: {
      season: {
        type: 'boolean',
        default: true,
        description: 'Report abbreviations out of season (PST in September); false leaves only unknown and ambiguous zones.',
      },
    },
  },
  (ctx, options, report) => {
    const checkSeason = options.season && ctx.datesKnown;
    // Only the zones there is something to say about: on a long timeline, not an object per entry and keystroke.
    const stamps: { zone: ZoneRef; wrong: ReturnType<typeof outOfSeason>; instant: number | null }[] = [];
    const add = (zone: ZoneRef, instant: number | null): void => {
      const wrong = checkSeason && instant !== null && !zone.ambiguous?.length && !zone.unknown ? outOfSeason(zone, instant) : null;
      if (wrong || zone.ambiguous?.length || zone.unknown) stamps.push({ zone, wrong, instant });
    };
    for (const e of ctx.model.timeline) if (e.timestamp?.zone) add(e.timestamp.zone, e.instant);
    for (const w of [ctx.model.summary.windowStart, ctx.model.summary.windowEnd]) if (w?.zone) add(w.zone, w.instant);
    // A zone stated once ("All times in EST") is checked like an entry's, at the first time that is read in it.
    if (ctx.zoneSource === 'stated' && ctx.zoneRef) {
      const inherited = ctx.model.timeline.find((e) => e.instant !== null && !e.zone && e.inheritedZone !== null)?.instant;
      const windowStamp = [ctx.model.summary.windowStart, ctx.model.summary.windowEnd].find((w) => w && !w.zone && w.instant !== null);
      add(ctx.zoneRef, inherited ?? windowStamp?.instant ?? null);
    }
    stamps.sort((a, b) => a.zone.start - b.zone.start);
    const said = new Set<string>();
    const seasons = new Map<string, { zone: ZoneRef; instant: number; wanted: string; offsetMinutes: number; count: number }>();
    const placed = new Set<string>();
    for (const { zone, wrong, instant } of stamps) {
      if (zone.ambiguous?.length) {
        // A zone borrowed by both ends of a range ("10:15 to 13:40 BST") is one place in the text: said once.
        const where = `${zone.start}:${zone.end}`;
        if (placed.has(where)) continue;
        placed.add(where);
        report({
          message: `"${zone.text}" can mean ${zone.ambiguous.join(' or ')}; say which with "zoneAliases" in settings or .postmortemrc.json, or write an offset such as UTC+5:30.`,
          start: zone.start,
          end: zone.end,
        });
      } else if (zone.unknown && !said.has(zone.text.toUpperCase())) {
        said.add(zone.text.toUpperCase());
        report({
          message: `"${zone.text}" is not a timezone this linter knows; use an abbreviation such as UTC, an offset such as UTC+1, or an IANA name.`,
          start: zone.start,
          end: zone.end,
        });
      } else if (wrong && instant !== null) {
        const key = zone.text.toUpperCase();
        const seen = seasons.get(key);
        if (seen) seen.count++;
        else seasons.set(key, { zone, instant, ...wrong, count: 1 });
      }
    }
    for (const { zone, instant, wanted, offsetMinutes, count } of seasons.values()) {
      const written = zone.offsetMinutes as number;
      const day = new Date(instant + offsetMinutes * 60000).toISOString().slice(0, 10);
      const others = count > 1 ? ` (and ${count - 1} more ${zone.text} time${count > 2 ? 's' : ''} after it)` : '';
      const region = zone.name ? `${zone.name.replace(/ (?:Standard|Daylight|Summer) Time$/, '')} clocks` : 'the clocks there';
      report({
        message:
          `"${zone.text}" is ${utc(written)}, but on ${day} ${region} were on ${wanted} (${utc(offsetMinutes)}): write ${wanted} if that is what they showed; ` +
          `as written, this time${others} is read ${shiftText(offsetMinutes - written)}.`,
        start: zone.start,
        end: zone.end,
      });
    }
  },
);
