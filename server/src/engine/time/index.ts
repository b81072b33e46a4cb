/** The time module: reading, resolving and writing dates, times, zones and durations. */
export type { DateOrder, DateStyle, Duration, ParsedTimestamp, TimeOptions, TimeStyle, ZoneRef } from './types';
export { abbreviationFor, findZones, formatOffset, offsetAt, parseZone } from './zones';
export { isIanaZone } from './iana';
export { daysInMonth, findTimestamps, scanLeadingTimestamp, shiftTimestamp } from './timestamp';
export { findDurations, formatDuration, roundingOf } from './durations';
export { resolveSequence } from './resolve';
export type { ResolveContext, ResolvedStamp } from './resolve';
export { dateAt, toInstant } from './instants';
export type { SimpleDate, SimpleTime } from './instants';
export { formatLike, plainStamp } from './format';
export type { FormatOptions } from './format';
