/**
 * The Postmortems view's model (client/src/index/model.ts): a whole answer builds the groups, newest first; deltas
 * change only the rows they name, and say what to refresh: the row alone when its place holds, its groups when it
 * moves, everything when a group comes or goes. After any run of deltas the tree is the one a whole answer of the
 * same rows builds.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IndexModel, type IndexGrouping, type IndexNode } from '../../client/src/index/model';
import type { IndexResult, IndexRowInfo } from '../../shared/protocol';

const DAY = 86_400_000;
const JAN = Date.UTC(2024, 0, 1);

function row(n: number, start: number | null, extra: Partial<IndexRowInfo> = {}): IndexRowInfo {
  const month = start === null ? null : new Date(start).toISOString().slice(0, 7);
  const quarter = start === null ? null : `${month?.slice(0, 4)}-Q${Math.floor(new Date(start).getUTCMonth() / 3) + 1}`;
  return {
    uri: `file:///w/pm-${n}.md`,
    file: `pm-${n}.md`,
    title: `Incident ${n}`,
    profile: 'default',
    start,
    end: start === null ? null : start + 3_600_000,
    dateKnown: start !== null,
    durationMinutes: 60,
    declaredDurationMinutes: null,
    detectMinutes: null,
    acknowledgeMinutes: null,
    mitigateMinutes: null,
    resolveMinutes: null,
    entries: 3,
    errors: 0,
    warnings: 0,
    missing: [],
    openActionItems: null,
    month,
    quarter,
    offsetMinutes: 0,
    ...extra,
  };
}

const whole = (rows: IndexRowInfo[], version: number): IndexResult => ({ rows, groups: [], version });
const delta = (since: number, version: number, rows: IndexRowInfo[], removed: string[] = []): IndexResult => ({
  rows,
  groups: [],
  version,
  delta: { since, removed },
});

/** The tree as labels: groups with their rows' titles, or the rows. */
function tree(model: IndexModel): unknown[] {
  return model.children().map((n) => (n.kind === 'group' ? [n.label, n.rows.map((r) => r.row.title)] : n.row.title));
}

describe('the Postmortems view model', () => {
  it('groups a whole answer by month, newest first, undated last', () => {
    const model = new IndexModel('month');
    assert.deepEqual(model.apply(whole([row(1, JAN), row(2, JAN + 40 * DAY), row(3, null), row(4, JAN + 2 * DAY)], 10)), { all: true });
    assert.deepEqual(tree(model), [
      ['February 2024', ['Incident 2']],
      ['January 2024', ['Incident 4', 'Incident 1']],
      ['Undated', ['Incident 3']],
    ]);
    assert.equal(model.version, 10);
    model.regroup('none');
    assert.deepEqual(tree(model), ['Incident 2', 'Incident 4', 'Incident 1', 'Incident 3']);
    model.regroup('status');
    assert.deepEqual(tree(model), [['Complete', ['Incident 2', 'Incident 4', 'Incident 1', 'Incident 3']]]);
  });

  it('refreshes a row in place, a group whose rows moved, everything when a group comes or goes', () => {
    const model = new IndexModel('month');
    model.apply(whole([row(1, JAN), row(2, JAN + 40 * DAY), row(4, JAN + 2 * DAY)], 10));
    const january = model.children()[1] as IndexNode & { kind: 'group' };
    const node1 = january.rows[1];

    // The title changed: that row, the same node object.
    let r = model.apply(delta(10, 11, [row(1, JAN, { title: 'Renamed' })]));
    assert.deepEqual(r, { all: false, nodes: [node1] });
    assert.equal(node1?.row.title, 'Renamed');

    // Moved within January (now the newest of it): the group.
    r = model.apply(delta(11, 12, [row(1, JAN + 5 * DAY, { title: 'Renamed' })]));
    assert.deepEqual(r, { all: false, nodes: [january] });
    assert.deepEqual(tree(model)[1], ['January 2024', ['Renamed', 'Incident 4']]);

    // Added to February: that group.
    r = model.apply(delta(12, 13, [row(5, JAN + 41 * DAY)]));
    assert.equal(r?.all, false);
    assert.deepEqual(tree(model)[0], ['February 2024', ['Incident 5', 'Incident 2']]);

    // A new month: everything.
    assert.deepEqual(model.apply(delta(13, 14, [row(6, JAN + 70 * DAY)])), { all: true });
    // Removed, its group emptied: everything; the version follows.
    assert.deepEqual(model.apply(delta(14, 15, [], [row(6, null).uri])), { all: true });
    assert.equal(model.version, 15);
    assert.equal(model.size, 4);
  });

  it('a delta it cannot apply asks for the whole index (null)', () => {
    const model = new IndexModel('month');
    assert.equal(model.apply(delta(3, 4, [row(1, JAN)])), null);
    model.apply(whole([row(1, JAN)], 5));
    assert.equal(model.apply(delta(6, 7, [row(2, JAN)])), null);
    assert.equal(model.version, undefined);
  });

  for (const grouping of ['month', 'quarter', 'status', 'none'] as IndexGrouping[]) {
    it(`after random deltas the tree is the whole answer's (${grouping})`, () => {
      let seed = 7;
      const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const pick = (): IndexRowInfo => {
        const n = Math.floor(random() * 60);
        const start = random() < 0.15 ? null : JAN + Math.floor(random() * 400) * DAY;
        return row(n, start, {
          errors: random() < 0.2 ? 1 : 0,
          missing: random() < 0.2 ? ['resolution'] : [],
          title: `T${Math.floor(random() * 9)}`,
        });
      };
      const current = new Map<string, IndexRowInfo>();
      for (let i = 0; i < 30; i++) {
        const r = pick();
        current.set(r.uri, r);
      }
      const model = new IndexModel(grouping);
      model.apply(whole([...current.values()], 1));
      for (let v = 2; v < 200; v++) {
        const changed: IndexRowInfo[] = [];
        const removed: string[] = [];
        for (let k = Math.floor(random() * 4); k >= 0; k--) {
          if (random() < 0.3 && current.size) {
            const uri = [...current.keys()][Math.floor(random() * current.size)] as string;
            current.delete(uri);
            removed.push(uri);
          } else {
            const r = pick();
            current.set(r.uri, r);
            changed.push(r);
          }
        }
        const live = changed.filter((r) => current.get(r.uri) === r);
        assert.ok(
          model.apply(
            delta(
              v - 1,
              v,
              live,
              removed.filter((u) => !current.has(u)),
            ),
          ),
        );
        const fresh = new IndexModel(grouping);
        fresh.apply(whole([...current.values()], v));
        assert.deepEqual(tree(model), tree(fresh), `after version ${v}`);
      }
    });
  }
});
