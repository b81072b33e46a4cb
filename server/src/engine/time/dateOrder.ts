/**
 * The order a document writes its numeric dates in ("04/03/2024": April 3 or 4 March?), when no setting says: a
 * date the other order could not be (13/03/2024 is day first, 03/13/2024 month first) decides for the whole
 * document; with none, dots ("04.03.2024") and the zones written (GMT, CET, IST… and no US zone) say day first.
 * Undefined leaves the default (month first).
 */
import type { DateOrder } from './types';

const NUMERIC = /(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})/g;
/** Whether the character code before a numeric date (or after it) leaves it a date of its own. */
const BOUND_BEFORE = /[\p{L}\p{N}.:/=-]/u;
const BOUND_AFTER = /^(?:\p{N}|[./:-]\d)/u;
const US_ZONES =
  /\b(?:E[SD]T|C[SD]T|M[SD]T|P[SD]T|AK[SD]T|HST|ET|PT|CT|MT|(?:Eastern|Central|Mountain|Pacific) (?:Standard |Daylight )?Time)\b/;
const DAY_FIRST_ZONES =
  /\b(?:GMT|BST|WET|WEST|CET|CEST|EET|EEST|MSK|WAT|CAT|EAT|SAST|IST|PKT|AEST|AEDT|ACST|AWST|NZST|NZDT|BRT|ART|Europe\/\w+|Africa\/\w+|Australia\/\w+)\b/;

export function inferDateOrder(text: string): DateOrder | undefined {
  let dayFirst = false;
  let monthFirst = false;
  let ambiguous = false;
  let dotted = false;
  NUMERIC.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUMERIC.exec(text)) !== null) {
    const before = text[m.index - 1];
    if (before !== undefined && BOUND_BEFORE.test(before)) continue;
    const end = m.index + m[0].length;
    if (BOUND_AFTER.test(text.slice(end, end + 2))) continue;
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (m[2] === '-' && (m[4] ?? '').length !== 4) continue;
    if (a > 12 && b <= 12) dayFirst = true;
    else if (b > 12 && a <= 12) monthFirst = true;
    else if (a >= 1 && b >= 1 && a <= 12 && b <= 12) {
      ambiguous = true;
      if (m[2] === '.') dotted = true;
    }
  }
  if (dayFirst !== monthFirst) return dayFirst ? 'dmy' : 'mdy';
  if (dayFirst || !ambiguous) return undefined;
  if (dotted) return 'dmy';
  return DAY_FIRST_ZONES.test(text) && !US_ZONES.test(text) ? 'dmy' : undefined;
}
