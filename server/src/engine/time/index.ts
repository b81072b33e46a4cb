/** The time module: reading, resolving and writing dates, times, zones and durations. */
export type { DateOrder, DateStyle, Duration, ParsedTimestamp, TimeOptions, TimeStyle, ZoneRef } from './types';
export { abbreviationFor, findZones, formatOffset, isIanaZone, offsetAt, parseZone } from './zones';
export { daysInMonth, findTimestamps, scanLeadingTimestamp, shiftTimestamp } from './timestamp';
export { findDurations, formatDuration, roundingOf } from './durations';
export { formatLike, resolveSequence, toInstant } from './resolve';
export type { FormatOptions, ResolveContext, ResolvedStamp, SimpleDate, SimpleTime } from './resolve';
