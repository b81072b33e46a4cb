/**
 * The incident index: one row per postmortem (row.ts) and the rows grouped by month or quarter (aggregate.ts).
 * Pure, like the rest of the engine: no vscode, LSP or Node built-ins.
 */
export { documentTitle, indexRow, openActionItems, type IndexRow, type MissingFact, type RowInput } from './row';
export {
  aggregate,
  filterSince,
  median,
  percentile,
  periodOf,
  sortRows,
  stat,
  type Aggregation,
  type GroupBy,
  type GroupSummary,
  type Stat,
} from './aggregate';
export { escapeHtml, formatInstant, trendsSvg, type ChartOptions } from './chart';
export { indexSpan } from '../util/spans';
