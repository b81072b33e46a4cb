import type { Rule } from './util';
import requiredSections from './required-sections';
import sectionOrder from './section-order';
import duplicateSection from './duplicate-section';
import emptySection from './empty-section';
import summaryFields from './summary-fields';
import timelineTimestamp from './timeline-timestamp';
import timelineOrder from './timeline-order';
import timezoneMissing from './timezone-missing';
import timezoneConsistent from './timezone-consistent';
import timezoneValid from './timezone-valid';
import durationConsistent from './duration-consistent';
import summaryMatchesTimeline from './summary-matches-timeline';
import wordCount from './word-count';
import noPlaceholder from './no-placeholder';
import blamelessLanguage from './blameless-language';
import actionItems from './action-items';
import impactQuantified from './impact-quantified';
import detectionRecorded from './detection-recorded';

/** Every rule, in the order their messages are best read. */
export const rules: Rule[] = [
  requiredSections,
  sectionOrder,
  duplicateSection,
  emptySection,
  summaryFields,
  timelineTimestamp,
  timelineOrder,
  timezoneMissing,
  timezoneConsistent,
  timezoneValid,
  durationConsistent,
  summaryMatchesTimeline,
  wordCount,
  noPlaceholder,
  impactQuantified,
  detectionRecorded,
  actionItems,
  blamelessLanguage,
];

/** What each rule says about itself (its metadata, options included: `{}` when it takes none), without the plugin. */
export const ruleList = rules.map(({ id, description, defaultSeverity, fixable, url, options }) => ({
  id,
  description,
  defaultSeverity,
  fixable,
  url,
  options: options ?? {},
}));
