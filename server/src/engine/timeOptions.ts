/** How a document's times are read: the settings' date order and zone aliases, the date order the document shows when none is set. */
import type { TimeOptions } from './time/types';
import type { LintOptions } from './types';
import { inferDateOrder } from './time/dateOrder';

export function timeOptionsFor(options: LintOptions, text: string): TimeOptions {
  const out: TimeOptions = {};
  const dateOrder = options.dateOrder ?? inferDateOrder(text);
  if (dateOrder) out.dateOrder = dateOrder;
  if (options.zoneAliases) out.zoneAliases = options.zoneAliases;
  return out;
}
