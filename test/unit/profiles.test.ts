/**
 * Built-in profiles as data, the profile chosen in front matter, and user profiles extending a built-in one.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getProfile, lint, listProfiles } from '../../server/src/engine';
import { parseConfigText } from '../../server/src/engine/config';

const BUILT_IN = ['default', 'google-sre', 'pagerduty', 'atlassian'];

function fill(template: string): string {
  return template
    .replace(/\$\{title\}/g, 'Checkout outage')
    .replace(/\$\{date\}/g, '2025-03-14')
    .replace(/\$\{zone\}/g, 'UTC');
}

describe('built-in profiles', () => {
  it('are listed, each complete enough for the templates and the rules', () => {
    assert.deepEqual(
      listProfiles().map((p) => p.id),
      BUILT_IN,
    );
    for (const p of listProfiles()) {
      const ids = p.sections.map((s) => s.id);
      assert.equal(new Set(ids).size, ids.length, `${p.id}: section ids are unique`);
      for (const id of ['summary', 'timeline', 'corrective-actions']) assert.ok(ids.includes(id), `${p.id} has ${id}`);
      assert.ok(p.sections.find((s) => s.id === 'timeline')?.holds?.includes('timeline'), `${p.id}: the timeline holds the timeline`);
      assert.ok(p.sections.find((s) => s.id === 'corrective-actions')?.holds?.includes('tasks'), `${p.id}: action items hold tasks`);
      for (const s of p.sections) {
        assert.ok(s.title && s.skeleton, `${p.id}/${s.id} has a title and a skeleton`);
        assert.ok(!/\$\{(?!start\}|end\}|time\}|duration\}|zone\})/.test(s.skeleton), `${p.id}/${s.id}: only known slots in the skeleton`);
      }
      assert.ok(p.template, `${p.id} has a template`);
      for (const slot of ['${title}', '${date}', '${zone}']) assert.ok(p.template.includes(slot), `${p.id} template has ${slot}`);
      assert.ok(!/\$\{(?!title\}|date\}|zone\})/.test(p.template), `${p.id}: only \${title}, \${date}, \${zone} in the template`);
      if (p.id !== 'default') assert.ok(p.source, `${p.id} says which published template it follows`);
    }
  });

  it('the default profile is unchanged: four sections, 400-600 words, no action-item policy', () => {
    const p = getProfile('default')!;
    assert.deepEqual(
      p.sections.map((s) => s.id),
      ['summary', 'timeline', 'root-cause', 'corrective-actions'],
    );
    assert.deepEqual(p.wordCount, { min: 400, max: 600 });
    assert.equal(p.actionItems, undefined);
  });

  it('google-sre follows the SRE book: its sections in order, action items as a table with owner and bug', () => {
    const p = getProfile('google-sre')!;
    assert.deepEqual(
      p.sections.map((s) => s.title),
      [
        'Summary',
        'Impact',
        'Root Causes',
        'Trigger',
        'Resolution',
        'Detection',
        'Action Items',
        'Lessons Learned',
        'Timeline',
        'Supporting Information',
      ],
    );
    assert.deepEqual(p.actionItems, {
      format: 'table',
      requireOwner: true,
      requireTicket: true,
      requireDueOrStatus: false,
    });
    assert.equal(p.sections.find((s) => s.id === 'supporting-information')?.required, false);
  });

  it('pagerduty and atlassian follow their published templates', () => {
    assert.deepEqual(
      getProfile('pagerduty')!.sections.map((s) => s.title),
      [
        'Overview',
        'What Happened',
        'Contributing Factors',
        'Resolution',
        'Impact',
        'Responders',
        'Timeline',
        "How'd We Do?",
        'Action Items',
        'Messaging',
      ],
    );
    assert.deepEqual(
      getProfile('atlassian')!.sections.map((s) => s.title),
      [
        'Incident Summary',
        'Leadup',
        'Fault',
        'Impact',
        'Detection',
        'Response',
        'Recovery',
        'Timeline',
        'Five Whys',
        'Root Cause',
        'Backlog Check',
        'Recurrence',
        'Lessons Learned',
        'Corrective Actions',
      ],
    );
    assert.equal(getProfile('pagerduty')!.actionItems?.requireTicket, true);
    assert.deepEqual(getProfile('atlassian')!.actionItems, {
      format: 'any',
      requireOwner: true,
      requireTicket: true,
      requireDueOrStatus: true,
    });
  });

  for (const id of BUILT_IN) {
    it(`the ${id} template, filled in, is read as its own profile with every section in place`, () => {
      const text = fill(getProfile(id)!.template!);
      const { model, messages } = lint(text);
      assert.equal(model.profile, id);
      const structural = messages.filter((m) =>
        ['required-sections', 'section-order', 'duplicate-section', 'config', 'internal-error'].includes(m.ruleId),
      );
      assert.deepEqual(
        structural.map((m) => `${m.line} ${m.ruleId}: ${m.message}`),
        [],
      );
      const present = new Set(model.sections.map((s) => s.id));
      for (const s of getProfile(id)!.sections) assert.ok(present.has(s.id), `${id}: "${s.title}" found in the template`);
    });
  }
});

describe('profile chosen per document', () => {
  const body = '# Outage\n\n## Summary\n\nDown for 20 minutes.\n';

  it('front matter overrides the configured profile', () => {
    const { model, messages } = lint(`---\nprofile: google-sre\n---\n${body}`, { profile: 'atlassian' });
    assert.equal(model.profile, 'google-sre');
    assert.ok(!messages.some((m) => m.ruleId === 'config'));
    assert.ok(
      messages.some((m) => m.ruleId === 'required-sections' && /"Trigger"/.test(m.message)),
      'checked against google-sre',
    );
  });

  it('front matter wins even when the configured profile is unknown', () => {
    const { model, messages } = lint(`---\nprofile: pagerduty\n---\n${body}`, { profile: 'nope' });
    assert.equal(model.profile, 'pagerduty');
    assert.ok(!messages.some((m) => m.ruleId === 'config'));
  });

  it('an unknown profile in front matter: a config warning on its value, and the configured profile', () => {
    const text = `---\ntitle: x\nprofile: "googel-sre"   # typo\n---\n${body}`;
    const { model, messages } = lint(text, { profile: 'atlassian' });
    assert.equal(model.profile, 'atlassian');
    const config = messages.filter((m) => m.ruleId === 'config');
    assert.equal(config.length, 1);
    assert.equal(config[0]!.severity, 'warning');
    assert.match(
      config[0]!.message,
      /Unknown profile "googel-sre" in the front matter \(did you mean "google-sre"\?\); using the configured profile "atlassian"/,
    );
    assert.equal(text.slice(config[0]!.start, config[0]!.end), 'googel-sre');
    assert.equal(config[0]!.line, 3);
  });

  it('an unknown profile in front matter with no configured profile falls back to the default', () => {
    const { model, messages } = lint(`---\nprofile: nope\n---\n${body}`);
    assert.equal(model.profile, 'default');
    assert.equal(messages.filter((m) => m.ruleId === 'config').length, 1);
  });

  it('front matter without a profile, or not a mapping, changes nothing', () => {
    assert.equal(lint(`---\ndate: 2025-01-01\n---\n${body}`, { profile: 'pagerduty' }).model.profile, 'pagerduty');
    assert.equal(lint(`---\n- a\n- b\n---\n${body}`).model.profile, 'default');
    assert.equal(lint(`---\nprofile: [1, 2\n---\n${body}`).model.profile, 'default');
  });

  it('CRLF line endings locate the value too', () => {
    const text = `---\r\nprofile: unknown-one\r\n---\r\n${body.replace(/\n/g, '\r\n')}`;
    const config = lint(text).messages.find((m) => m.ruleId === 'config')!;
    assert.equal(text.slice(config.start, config.end), 'unknown-one');
  });
});

describe('user profiles extending a built-in one', () => {
  const profiles = {
    'sre-lite': {
      extends: 'google-sre',
      name: 'SRE, lighter',
      actionItems: { format: 'any', requireTicket: false },
      sections: [
        { id: 'trigger', title: 'Trigger', required: false },
        {
          id: 'customer-comms',
          title: 'Customer Communication',
          required: false,
          skeleton: 'What customers were told.',
        },
      ],
    },
  };

  it('inherits sections, template and policy, and overrides what it names', () => {
    const p = getProfile('sre-lite', profiles)!;
    const base = getProfile('google-sre')!;
    assert.equal(p.name, 'SRE, lighter');
    assert.deepEqual(
      p.sections.map((s) => s.id),
      [...base.sections.map((s) => s.id), 'customer-comms'],
    );
    assert.equal(p.sections.find((s) => s.id === 'trigger')?.required, false);
    assert.equal(p.template, base.template);
    assert.deepEqual(p.actionItems, {
      format: 'any',
      requireOwner: true,
      requireTicket: false,
      requireDueOrStatus: false,
    });
    assert.equal(p.headingDepth, base.headingDepth);
  });

  it('is chosen in front matter, with the profiles of the configuration', () => {
    const text = `---\nprofile: sre-lite\n---\n# Outage\n\n## Summary\n\nDown for 20 minutes.\n`;
    const { model, messages } = lint(text, { profiles });
    assert.equal(model.profile, 'sre-lite');
    assert.ok(!messages.some((m) => m.ruleId === 'required-sections' && /"Trigger"/.test(m.message)), 'Trigger is optional here');
    assert.ok(
      messages.some((m) => m.ruleId === 'required-sections' && /"Impact"/.test(m.message)),
      'Impact is still required',
    );
  });

  it('action items follow the overridden policy', () => {
    const doc = (profile: string): string =>
      [
        '---',
        `profile: ${profile}`,
        '---',
        '',
        '# Outage',
        '',
        '## Action Items',
        '',
        '- Add a warm-up step to cache replacement, owner: @rkhan',
        '',
      ].join('\n');
    const lite = lint(doc('sre-lite'), { profiles }).messages.filter((m) => m.ruleId === 'action-items');
    assert.deepEqual(lite, [], 'an owner is enough, and a list is fine');
    const strict = lint(doc('google-sre'), { profiles }).messages.filter((m) => m.ruleId === 'action-items');
    assert.deepEqual(
      strict.map((m) => m.line),
      [7, 9],
      'a table is asked for, and the item has no bug',
    );
  });

  it('.postmortemrc.json accepts actionItems, template and allowSplit, and reports what is wrong in them', () => {
    const { config, problems } = parseConfigText(
      JSON.stringify({
        profiles: {
          team: {
            extends: 'atlassian',
            template: '# ${title}\n',
            actionItems: { format: 'table', requireOwner: false, colour: 'red', requireTicket: 'yes' },
            sections: [{ id: 'root-cause', title: 'Why', allowSplit: true }],
          },
        },
      }),
      'rc.json',
    );
    const team = (config.profiles as Record<string, Record<string, unknown>>).team!;
    assert.deepEqual(team.actionItems, { format: 'table', requireOwner: false });
    assert.equal(team.template, '# ${title}\n');
    assert.deepEqual(team.sections, [{ id: 'root-cause', title: 'Why', allowSplit: true }]);
    const messages = problems.map((p) => p.message).join('\n');
    assert.match(messages, /unknown key "colour"/);
    assert.match(messages, /"requireTicket" in "actionItems" in profile "team" must be true or false/);
    const p = getProfile('team', config.profiles)!;
    assert.deepEqual(p.actionItems, {
      format: 'table',
      requireOwner: false,
      requireTicket: true,
      requireDueOrStatus: true,
    });
  });
});
