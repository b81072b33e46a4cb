/** Importing a timeline from what responders already wrote: readers per format, and the writer. No Node, no editor. */
export type { ImportFormat, ImportPhase, ImportRecord, ReadResult, SkippedRecord, SourceFile } from './types';
export { detectFormat, type DetectedFormat } from './detect';
export { readSources, type ReadOptions } from './read';
export { readSlack, readSlackUsers, cleanSlackText, NOISE_SUBTYPES } from './slack';
export { readPagerDuty, PHASE_BY_TYPE, NOISE_TYPES } from './pagerduty';
export { readStatuspage, PHASE_BY_STATUS, NOISE_STATUSES } from './statuspage';
export { readLines, messageHeader, type LinesOptions } from './lines';
export { importIntoPostmortem, type AddedEntry, type ImportWriteOptions, type WriteResult } from './write';
export { similarText } from './similar';
export { planImport, documentDefaults, type ImportOptions, type ImportPlan } from './plan';
