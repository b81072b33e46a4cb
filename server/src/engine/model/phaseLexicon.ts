/**
 * The phase reader's words (model/phase.ts says how they are used): the labels that name a phase, the lexicon of
 * statements per phase, and the cues that set words aside (purpose, attempt, plan, negation, unfinished action).
 */
import type { Phase } from '../types';

/** "Resolution:", "**Detection time:**", "Escalation" alone on the entry's first line: a field that names the phase. */
export const LABEL =
  /^[\s\-–—:|*_#>)\]+•]*(?:(?:issue|incident|outage)\s+)?(?:\w+\s+and\s+)?(detection|detected|acknowledge?ment|acknowledged|escalation|escalated|mitigation|mitigated|resolution|resolved|recovery|recovered)(?:\s+(?:time|method|phase|steps?|details))?[\s*_]*(?::|\n|$)/i;
export const LABEL_PHASE: Record<string, Phase> = {
  detection: 'detected',
  detected: 'detected',
  acknowledgement: 'acknowledged',
  acknowledgment: 'acknowledged',
  acknowledged: 'acknowledged',
  escalation: 'escalated',
  escalated: 'escalated',
  mitigation: 'mitigated',
  mitigated: 'mitigated',
  resolution: 'resolved',
  resolved: 'resolved',
  recovery: 'resolved',
  recovered: 'resolved',
};

/** A problem a report speaks of: "users reported errors", not "the user reported he had changed networks". */
export const PROBLEM = String.raw`\b(?:hang\w*|stale|wrong|empty|nothing|zero|incorrect|lost|blank|stopp?\w*|issues?|errors?|problems?|outages?|failures?|fail\w*|down\b|unavailab\w*|complaints?|broken|slow\w*|negative|unexpected|unusual|abnormal\w*|anomal\w*|strange|suspicious|irregular\w*|timeouts?|time-?outs?|\b5\d\d\b|not (?:working|loading|responding|running)|couldn'?t|cannot|can'?t|unable|inability|high|spikes?|increase\w*|stuck|missing|degrad\w*|latency|crash\w*|bug)`;
const PEOPLE = String.raw`(?:users?|customers?|clients?|merchants?|visitors?|staff|someone|people|developers?|support|players?|members?|a tester|the community)`;
const MONITOR = String.raw`(?:monitor\w*|system|alarms?|alerts?|pager\w*|probes?|health ?checks?|nagios|datadog|prometheus|grafana|pingdom|sentry|cloudwatch|ids|waf|automation|automated \w+)`;

/** The lexicon: per phase, the statements that say it happened, in a finished form. Read on a clause with the set-aside words blanked. */
export const LEXICON: [Phase, RegExp][] = [
  // Resolution: the service is restored, the fault fixed, the incident closed.
  [
    'resolved',
    /\b(?:fully |completely |finally |successfully )?(?:resolved|restored|recovered|resumed|resumes|revived|stabili[sz]ed|solved|corrected|fixed)\b/i,
  ],
  [
    'resolved',
    /(?<!\b(?:began|begin|begins|started|start|starts|beginning|starting|to)\s)\brecovers?\b(?!\s+(?:partly|partially|slowly|gradually|somewhat))|\b(?:succeed|succeeds|succeeded|works?|worked|working|flow|flows|flowing|loads?|loading|indexed|served|processed|arrive|arrives|arriving)\s+(?:\w+\s+)?again\b/i,
  ],
  [
    'resolved',
    /\bmade the corrections?\b|\b(?:was|is|as) a false (?:positive|alarm)\b|\bregained (?:access|service)\b|\bclear(?:ed)? the (?:incident|issue|alert)\b|\ball clear\b/i,
  ],
  [
    'resolved',
    /\b(?:back|came back|is back|was back)\s+(?:online|up|to normal|in service|to life|on-?line)\b|\bback to (?:normal|full|baseline|pre-incident levels?|healthy)\b|\b(?:services?|sites?|staging|production|prod|apis?|apps?|systems?|websites?|everything|clusters?|databases?|dbs?)\s+back\b(?!\s+(?:off|down|to (?:the|a|an)\b))|\b(?:error rates?|errors?|latency|traffic|metrics?)\b[^,;]{0,20}?\b(?:at baseline|(?:(?:is|are|was|were|back)\s+)?(?:normal|nominal))\b(?!\s+(?:again\s+)?(?:after|once|when|until))|\breturn(?:ed|s|ing)?\s+(?:back\s+)?to\s+(?:normal|service|full|expected)\b|\bnormal (?:operations?|service) (?:resumed|restored)\b/i,
  ],
  [
    'resolved',
    /(?<!\btheir\s)\b(?:services?|sites?|websites?|systems?|everything|applications?|apps?|apis?|platforms?|servers?|webservers?|web servers?)\b[^,;]{0,40}?\b(?:fully operational|operational|functional|healthy|stable|up and running|running normally|working(?: again| normally)?)\b|\b(?:is|was|are|were)\s+(?:\d+%\s+|fully\s+|finally\s+)?back\b(?!\s*(?:to|at|in|on|from|end|off|up|and)\b)/i,
  ],
  [
    'resolved',
    /\b(?:incident|outage|issue|problem|impact)\s+(?:was\s+|is\s+|has been\s+)?(?:officially\s+|formally\s+)?(?:closed|over|ended|ends|declared (?:resolved|over|closed))\b|\b(?:served|running|working|operating|behaving|functioning|performing)\s+normally\b|\b(?:full |complete )?(?:recovery|resolution)\s+(?:was\s+|is\s+)?(?:confirmed|complete|completed|achieved|reached)\b/i,
  ],
  ['resolved', /\bpermanent(?:ly)?\s+(?:\w+\s+){0,2}?(?:fix|fixed|change|solution)\b/i],
  // Mitigation: the harm is reduced without the fault being fixed (yet).
  [
    'mitigated',
    /\b(?:mitigated|mitigates|rolled back|rolls back|reverted|downgraded|downgrades|undoing|undone|restarted|restarts|rebooted|reboots|relaunched|relaunches|redeployed|power[- ]cycled|failed over|fails over|quarantined|quarantines|drained|drains)\b|\bisolat(?:ed|es|ing) (?:the )?(?:affected |faulty |compromised |\w+ )?(?:servers?|hosts?|nodes?|machines?|instances?|pods?|services?|networks?|systems?|accounts?|laptops?|devices?)\b|\blocked (?:down\b|(?:the |his |her |their )?(?:\w+ )?(?:accounts?|wiki|repo\w*|pages?))/i,
  ],
  [
    'mitigated',
    /\broll-?back\s+(?:was\s+)?(?:performed|completed?|done|deployed|succeeded|finished|applied|executed)\b|\breverts?\s+(?:were\s+|was\s+)?(?:deployed|merged|applied)\b|\bfailover\s+(?:was\s+)?(?:completed?|performed|done)\b/i,
  ],
  [
    'mitigated',
    /\btemporary (?:fix|solution|measure|workaround|optimi[sz]ations?)\b|\bworkaround (?:was\s+)?(?:applied|implemented|deployed|in place|put in place)\b|\b(?:partially|gradually|mostly|temporarily)\s+(?:restored|recovered)\b/i,
  ],
  ['mitigated', /\b(?:began|started|begins|starts|beginning)\s+(?:to\s+)?(?:recover\w*|moving|to move)\b|\b(?:scaled|scaling) down\b/i],
  [
    'mitigated',
    /\btraffic\b[^,;]{0,30}?\b(?:shifted|drained|rerouted|re-routed|redirected|moved|diverted|switched|redistributed)\b|\b(?:shifted|drained|rerouted|redirected|moved|diverted)\s+(?:\w+\s+)?traffic\b/i,
  ],
  [
    'mitigated',
    /\b(?:error rates?|errors?|latency|load|impact|failures?|timeouts?)\b[^,;]{0,30}?\b(?:dropped|drops|dropping|decreased|decreases|reduced|fell|falls|falling|declined|declines|subsided|subsides|stopped|stops|stop|improved|improves|eased|eases)\b|\breduced the\b[^,;]{0,30}?\b(?:load|errors?|impact|latency|pressure)\b/i,
  ],
  // Escalation: more people or a formal incident brought in.
  [
    'escalated',
    /\bescalat(?:ed|es)\b|\b(?:formal |major )?incident\s+(?:was\s+)?(?:formally\s+|officially\s+|retroactively\s+)?declared\b|\bdeclared\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:incident|sev\s?\d?)\b/i,
  ],
  [
    'escalated',
    /\b(?:called|brought|pulled|looped)\s+in\b|\bbrings?\s+in\b|\bpaged (?:the )?(?:senior|lead|manager|secondary|escalation|incident commander|\w+ team)\b|\b(?:\w+ )?(?:team|lead|manager|secondary|incident commander)\s+(?:was\s+|were\s+)?paged\b/i,
  ],
  [
    'escalated',
    new RegExp(
      String.raw`\b(?:teams?|engineers|supervisor|manager|lead|director|vendors?|experts?|administrators)\s+(?:was|were)\s+(?:informed|notified|engaged|paged|contacted|involved|called)\b|\bnotified\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:team|chat|channel|engineers|supervisor|manager|lead)\b|(?<!\b${MONITOR}\b[^,;]{0,40})\balerted\s+(?:the|their|our|his|her)\s+(?:\w+\s+)?(?:engineers?|supervisor|manager|lead|team|developers?|administrators?)\b|\bteams?\b[^,;]{0,30}?\bjoined\b`,
      'i',
    ),
  ],
  // Acknowledgement: a responder takes it up.
  [
    'acknowledged',
    /\backnowledg(?:ed|es)\b|\back(?:ed|'d)\b|\b(?:takes?|took) (?:the page|ownership)\b|\bpick(?:s|ed)? (?:it|this|the (?:incident|issue|page|alert|ticket)) up\b|\bsprang into action\b|\b(?:was|were|is)\s+assigned to\b|\bengaged (?:the )?on-?call\b|\binvestigated the alerts?\b|\breviewed the ticket\b|\bissue (?:was )?confirmed by\b/i,
  ],
  [
    'acknowledged',
    /\b(?:began|begin|begins|started|start|starts|initiated|commenced)\s+(?:the\s+|an?\s+|initial\s+|to\s+)?(?:investigat\w*|troubleshoot\w*|debug\w*|look(?:ing)? into|triag\w*|diagnos\w*)|(?<!(?:deep dive|deeper|further|root cause|post-incident|postmortem)\s)\b(?:investigations?|troubleshooting|triage|debugging)\s+(?:was\s+|were\s+)?(?:began|begun|started|initiated|begins|starts|commenced|underway)\b|\b(?:on-?call|engineer|responder|sre)\b[^,;]{0,30}?\b(?:responded|joined|picked up)\b/i,
  ],
  // Detection: an alert, a report, someone noticing.
  [
    'detected',
    /\bdetected\b(?! the (?:invalid|wrong|incorrect|bad|missing|faulty|root|cause))|\b(?:notic(?:ed|es)|spott(?:ed|s))\b(?! in the logs| (?:that )?there)|(?<!\b(?:a|the|this|that|no|any|without|prior|short|advance|further|until|public|formal)\s)\bnotice\s+(?:an?|the|that|some|errors?|issues?|problems?|failures?)\b|\bcomplain(?:ed|s|ts?)\b|\bbecame aware\b|\breports? of\b|\b(?:flooded|swamped|inundated) with (?:reports|complaints|messages|tickets|alerts|questions)\b|\bpaged\b|(?<!\b(?:to|will|would)\s)\bpages\b/i,
  ],
  [
    'detected',
    new RegExp(
      String.raw`\balert(?:s|ed)?\b[^,;]{0,30}?\b(?:fired|fires|firing|triggered|went off|goes off|trips|tripped|indicat\w*|show\w*|reported|paged|pages|paging|signall?ed|signals|for)\b|\b(?:${MONITOR}|checks?|monitors?)\b[^,;]{0,40}?\b(?:alerted|alerts|detected|detects|flagged|flags|reported|reports|indicated|showed|triggered|caught|picked up|fired|fires|firing|paged|pages|went off|goes off|tripped|trips|signall?ed|signals|warned|warns|posts|posted|sent|sends|rang|rings|ringing|sounded|sounds|sounding|e-?mails|e-?mailed|messages|messaged|texts|texted|notifies|notified|calls|called)\b|\breceiv(?:ed|es|ing)\b[^,;]{0,30}?\b(?:alerts?|warnings?|pages?|pager|e-?mails?|notifications?|complaints?|tickets?)\b|\b(?:e-?mail|alert|warning|notification)\b[^,;]{0,20}?\breceived\b|^[\s*_]*investigating[\s*_]*[(:—–-]?[\s*_]*$|^[\s*_]*(?:paging|page|alert|alarm)\s*[:—–]|^[\s*_\x60|[\]—–-]*(?:\d[\d:T.Z\x60-]*\s*)?[\s*_|—–:-]*(?:(?!(?:the|a|an|his|her|their|our|its|this|that)\s)[\w./%-]+\s+){0,4}(?:alert|alarm|page)s?\b(?:\s+(?:for|on|from|in)\b[^.;]{0,50})?(?:\s*(?:→|->|=>|to)\s*[#@]?[\w-]+)?[\s.!*_]*$`,
      'i',
    ),
  ],
  // Someone discovering the problem ("Andre discovers the exploit", "discovers actions are not running"); not its cause or fix.
  [
    'detected',
    new RegExp(
      String.raw`\bdiscover(?:s|ed)\b(?![^,;.]{0,25}?\b(?:cause|causes|root|source|culprit|reason|origin|fix|solution|typo|misconfiguration)\b)(?:\s+(?:the|an?)\s+(?:\w+\s+)?(?:exploit|attack|breach|compromise|intrusion|incident|outage)\b|\s+(?:that\s+)?(?:the\s+|our\s+|all\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:is|are|was|were)\s+(?:not\s+(?:running|working|loading|responding)|failing|down|broken|unavailable)\b)`,
      'i',
    ),
  ],
  [
    'detected',
    /\balerted (?:of|about|to)\b|\b(?:was|were)\s+alerted\b|\bautomated (?:warning|alert|e-?mail|notification)s?\b|\b(?:informed|notified|made aware)\b[^,;]{0,15}?\b(?:of|that|about)\b|\breached out\b/i,
  ],
  [
    'detected',
    new RegExp(
      String.raw`\b${PEOPLE}\b[^,;]{0,40}?\b(?:report\w*|wr(?:ote|ites|iting) (?:in|to)|contacted|opened (?:a|an) (?:ticket|issue)|e-?mailed|post(?:s|ed|ing)?|called|tweet(?:s|ed|ing)?|messag(?:es|ed|ing)|pinged|flagged|raised)\b[^;]*${PROBLEM}|\breport(?:ed|s|ing)\b[^,;]{0,40}?${PROBLEM}|\b(?:issue|ticket|bug report)\b[^,;]{0,20}?\b(?:submitted|opened|filed)\b|\bopened (?:a|an) (?:ticket|issue)\b|\b${PEOPLE}\b[^,;]{0,20}?\bwr(?:ote|ites?|iting) in\b|^[\s*_\[\]\x60(]*(?:\d[\d:\x60.]*\s*)?(?:\w+\s+)?(?:support|customer|user|help-?desk)\s+(?:tickets?|requests?|cases?|complaints?|e-?mails?|calls?)\b[\s*_]*[:—–-]`,
      'i',
    ),
  ],
];

/** The old keyword reading of a trigger (a deploy, a change), kept for entries that state no other phase. */
export const TRIGGER =
  /\b(deploy(?:ed|ment|ing)?|rolled out|released|pushed (?:a |the )?(?:change|config|update)|config(?:uration)? change|migration (?:started|ran))\b/i;

/** Any word of a phase, to tell the hover which set-aside words it did not count. */
export const PHASE_WORD =
  /\b(?:detect\w*|alert\w*|report\w*|notic\w*|acknowledg\w*|escalat\w*|mitigat\w*|roll(?:ed)?[- ]?back|revert\w*|restor\w*|resol\w*|recover\w*|fix\w*|restart\w*|back online|closed)\b/i;

/** Base verbs after "to" that make it a purpose ("to resolve the issue"), not a direction ("escalated to the team"). */
const PURPOSE_VERBS =
  'resolve|restore|fix|mitigate|recover|investigate|identify|diagnose|debug|check|confirm|verify|prevent|ensure|reduce|free|help|get|bring|stop|address|handle|find|determine|understand|inform|notify|alert|allow|enable|avoid|limit|contain|clear|correct|remediate|roll|revert|redirect|route|scale|implement|apply|make|keep|see|look|track|reproduce|test|assess|evaluate|analy[sz]e|escalate|acknowledge|detect|monitor|isolate|patch|update|upgrade|replace|restart|rebuild|remove|add|improve|optimi[sz]e|prepare|start|begin|provide|work|continue|return|alleviate|resume|rename|reconfigure|deploy|release|mitigate|speed|rule|trace|pinpoint|gather|collect|discuss|coordinate|communicate|review|fail|shift|drain|migrate|recreate|reboot|relaunch|re-?enable|unblock|rotate|cleanup|clean|purge|flush|reset|stabili[sz]e|bypass|work around';

/** The words of a negation (the set-aside cue 'negated'). */
const NEGATION = String.raw`(?:not|no(?! longer)|never|cannot|can'?t|didn'?t|don'?t|doesn'?t|wasn'?t|weren'?t|isn'?t|aren'?t|hasn'?t|haven'?t|hadn'?t|won'?t|without|neither|nor|unable to|failed to|fails to|yet to)`;

/** The set-aside cues, each blanking from its start to the end of the clause; checked in this order. */
export const SET_ASIDE: [string, RegExp][] = [
  ['attempt', /\b(?:attempt(?:ed|ing|s)?|tr(?:y|ied|ies|ying)|sought|aimed|in an? (?:effort|attempt|bid))\b(?:\s+to)?/i],
  [
    'plan',
    /\b(?:plan(?:ned|s|ning)?\s+to|will|would|shall|should|could|going to|decided to|decision (?:was )?(?:made )?to|scheduled to|expected to|intend(?:ed|s)? to|want(?:ed|s)? to|need(?:ed|s)? to|course of action is|next steps?|recommend\w*|propos\w*)\b/i,
  ],
  [
    'purpose',
    new RegExp(
      String.raw`\b(?:in order to|so as to|so that|(?<!\b(?:began|begin|begins|started|start|starts|continued|continue|continues|seemed|seems|appeared|appears|able|managed|used|going|had|has|have)\s)to (?:help |try to |further |fully |temporarily )?(?:${PURPOSE_VERBS})\b|for (?:(?:a|an|the|further|deeper|more|additional|possible|faster|full|final|immediate|their|its|quick)\s+)*(?:\w+\s+(?:and|&)\s+)?(?:investigation|resolution|mitigation|remediation|recovery|restoration|fix|analysis|check|assistance|review|help|triage|debugging|diagnosis|support))`,
      'i',
    ),
  ],
  // Not after a finding verb: "discovers the jobs are not running" states the problem found.
  // The negation is looked for first and the look-behind checked only where one starts (the same matches, but a
  // look-behind of up to 40 characters tried at every position cost more than the rest of the reader).
  [
    'negated',
    new RegExp(
      String.raw`\b(?=${NEGATION}\b)(?<!\b(?:discover(?:s|ed)|notic(?:es|ed)|realiz(?:es|ed)|realis(?:es|ed))\b[^,;]{0,30})${NEGATION}\b`,
      'i',
    ),
  ],
  [
    'not done',
    /\b(?:began|begin|begins|started|starts|beginning|starting|working on|work on|in progress|underway|ongoing)\s+(?:to\s+)?(?!recover|moving|to move|investigat|troubleshoot|debug|look|triag|diagnos|ring|sound|fir|flash|blar|alert|pag|post|report|complain)(?:the\s+)?\w*(?:ing|fix\w*|rollback|revert|roll-?back|patch\w*|correct\w*|remediat\w*|repair\w*|mitigat\w*)\b/i,
  ],
];
/** A clause of circumstance ("after restarting Nginx, …", "once the fix was deployed") or a question ("how the incident was resolved"): context, not the entry's statement. */
export const CONTEXT = /^\s*(?:after|before|until|once|following|prior to|while|whilst|when|as soon as|in case|how|whether|why|if|as)\b/i;
/** A sentence that says the measure did not work: its mitigation or resolution does not count. */
export const DID_NOT_WORK =
  /\b(?:errors? (?:continued|persisted|remained|returned)|continued to (?:fail|error)|persist(?:ed|s)\b|did(?:n'?t| not) (?:help|work|improve|fix|resolve)|no effect|not effective|ineffective|to no avail|unsuccessful\w*|without success|(?:rollback|roll-?back|revert|restart|fix|attempt|change|patch|pipeline|deploy\w*|it|this|that|they|measure|mitigation)\s+(?:\w+\s+)?fail(?:ed|s)\b(?! over))/i;
/** A restoration said to be temporary or partial: a mitigation. */
export const TEMPORARY =
  /\b(?:temporar(?:y|ily)|workaround|stop-?gap|partial(?:ly)?|partly|gradual(?:ly)?|slowly|no (?:actual |real |permanent )?fix(?:es)?|(?:is|was|are) expected to (?:return|recur))\b/i;
