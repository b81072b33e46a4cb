import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findZones, offsetAt, parseZone } from '../../server/src/engine/time';
import { ianaOffset } from '../../server/src/engine/time/zones';
import { IANAZone } from 'luxon';

const JAN = Date.UTC(2024, 0, 15, 12);
const JUL = Date.UTC(2024, 6, 15, 12);

describe('time: parseZone', () => {
  const fixed: [string, number][] = [
    ['UTC', 0],
    ['GMT', 0],
    ['Z', 0],
    ['WAT', 60],
    ['EAT', 180],
    ['CAT', 120],
    ['SAST', 120],
    ['EST', -300],
    ['EDT', -240],
    ['CDT', -300],
    ['MST', -420],
    ['MDT', -360],
    ['PST', -480],
    ['PDT', -420],
    ['AKST', -540],
    ['HST', -600],
    ['CET', 60],
    ['CEST', 120],
    ['EET', 120],
    ['EEST', 180],
    ['WET', 0],
    ['WEST', 60],
    ['JST', 540],
    ['KST', 540],
    ['AEST', 600],
    ['AEDT', 660],
    ['ACST', 570],
    ['AWST', 480],
    ['NZST', 720],
    ['NZDT', 780],
    ['MSK', 180],
    ['HKT', 480],
    ['SGT', 480],
    ['PHT', 480],
    ['WIB', 420],
    ['PKT', 300],
    ['BRT', -180],
    ['ART', -180],
    ['UTC+1', 60],
    ['UTC+01:00', 60],
    ['GMT+01:00', 60],
    ['GMT-5', -300],
    ['UTC+5:30', 330],
    ['UTC +1', 60],
    ['UTC−3', -180],
    ['+0100', 60],
    ['-05:00', -300],
    ['+05:30', 330],
    ['UTC+0', 0],
    ['(WAT)', 60],
    ['[UTC]', 0],
    ['Gmt', 0],
    ['utc', 0],
    ['gmt', 0],
    ['West Africa Time', 60],
    ['Central European Time', 60],
    ['Greenwich Mean Time', 0],
    ['Coordinated Universal Time', 0],
    ['South African Standard Time', 120],
    ['East Africa Time', 180],
    ['SAST+2', 120],
    ['WAT (UTC+1)', 60],
    ['CET (UTC+01:00)', 60],
  ];
  for (const [text, off] of fixed) {
    it(`reads ${text} as UTC${off >= 0 ? '+' : ''}${off / 60}`, () => {
      const z = parseZone(text);
      assert.ok(z, text);
      assert.equal(z.unknown, undefined);
      assert.equal(offsetAt(z, JAN), off);
      assert.equal(z.ambiguous, undefined);
    });
  }

  it('keeps region and daylight for abbreviations', () => {
    const edt = parseZone('EDT');
    assert.equal(edt?.region, 'America/New_York');
    assert.equal(edt?.daylight, true);
    assert.equal(parseZone('EST')?.daylight, false);
  });

  it('reads IANA names with DST (America/New_York in July vs January)', () => {
    const ny = parseZone('America/New_York');
    assert.ok(ny);
    assert.equal(ny.iana, 'America/New_York');
    assert.equal(offsetAt(ny, JAN), -300);
    assert.equal(offsetAt(ny, JUL), -240);
    const lagos = parseZone('Africa/Lagos');
    assert.equal(lagos && offsetAt(lagos, JUL), 60);
    const london = parseZone('Europe/London');
    assert.equal(london && offsetAt(london, JAN), 0);
    assert.equal(london && offsetAt(london, JUL), 60);
  });

  it('reads generic region names through the region (Eastern Time, Pacific Time, ET)', () => {
    const et = parseZone('Eastern Time');
    assert.ok(et?.generic);
    assert.equal(et && offsetAt(et, JAN), -300);
    assert.equal(et && offsetAt(et, JUL), -240);
    const pt = parseZone('Pacific Time');
    assert.equal(pt && offsetAt(pt, JUL), -420);
    const etAbbr = parseZone('ET');
    assert.equal(etAbbr && offsetAt(etAbbr, JAN), -300);
  });

  it('flags ambiguous abbreviations with a default reading', () => {
    for (const [abbr, def] of [
      ['IST', 330],
      ['CST', -360],
      ['BST', 60],
      ['GST', 240],
      ['AST', -240],
    ] as const) {
      const z = parseZone(abbr);
      assert.ok(z?.ambiguous && z.ambiguous.length >= 2, abbr);
      assert.equal(z.offsetMinutes, def, abbr);
    }
    assert.match(parseZone('IST')?.ambiguous?.join(' ') ?? '', /India.*Irish.*Israel/);
  });

  it('resolves ambiguous abbreviations through zoneAliases', () => {
    const ist = parseZone('IST', { zoneAliases: { IST: 'Europe/Dublin' } });
    assert.equal(ist?.ambiguous, undefined);
    assert.equal(ist?.offsetMinutes, 60);
    const cst = parseZone('CST', { zoneAliases: { CST: 'Asia/Shanghai' } });
    assert.equal(cst?.offsetMinutes, 480);
    assert.equal(cst?.ambiguous, undefined);
    const bst = parseZone('BST', { zoneAliases: { BST: 'Asia/Dhaka' } });
    assert.equal(bst?.offsetMinutes, 360);
    const byOffset = parseZone('GST', { zoneAliases: { GST: 'UTC-2' } });
    assert.equal(byOffset?.offsetMinutes, -120);
    // An alias to an IANA zone that is not a listed meaning follows that zone.
    const other = parseZone('IST', { zoneAliases: { IST: 'Asia/Tokyo' } });
    assert.equal(other && offsetAt(other, JAN), 540);
  });

  it('disambiguates an abbreviation by a written offset', () => {
    const z = parseZone('IST (UTC+5:30)');
    assert.equal(z?.offsetMinutes, 330);
    assert.equal(z?.ambiguous, undefined);
    const c = parseZone('CST+8');
    assert.equal(c?.offsetMinutes, 480);
  });

  it('reports an abbreviation that contradicts its written offset', () => {
    const z = parseZone('SAST+3');
    assert.equal(z?.offsetMinutes, 180);
    assert.match(z?.conflict ?? '', /SAST is UTC\+02, not UTC\+03/);
  });

  it('flags unknown zone-looking tokens and rejects non-zones', () => {
    assert.equal(parseZone('XYZT')?.unknown, true);
    assert.equal(parseZone('Mars/Olympus')?.unknown, true);
    assert.equal(parseZone('UTC+25')?.unknown, true);
    assert.equal(parseZone('hello'), null);
    assert.equal(parseZone('ALERT'), null);
    assert.equal(parseZone('42'), null);
    assert.equal(parseZone('+1'), null);
    assert.equal(parseZone(''), null);
  });
});

describe('time: zone names written with "Timezone" or as Windows names them', () => {
  it('reads "… Timezone", "… Time Zone" and "W. Central Africa Standard Time" as the zone named', () => {
    assert.equal(parseZone('Pacific Standard Timezone')?.offsetMinutes, -480);
    assert.equal(parseZone('Pacific Standard Time Zone')?.offsetMinutes, -480);
    assert.equal(parseZone('West Central Africa Standard Timezone')?.region, 'Africa/Lagos');
    assert.equal(parseZone('W. Central Africa Standard Time')?.region, 'Africa/Lagos');
    assert.equal(parseZone('Standard Timezone'), null);
  });
});

describe('time: offsetAt', () => {
  it('returns null for unknown zones', () => {
    const z = parseZone('XYZT');
    assert.ok(z);
    assert.equal(offsetAt(z, JAN), null);
  });
  it('follows DST transitions for IANA zones at the instant', () => {
    const ny = parseZone('America/New_York');
    assert.ok(ny);
    // 2024-03-10 06:59 UTC is 01:59 EST; 07:00 UTC is 03:00 EDT.
    assert.equal(offsetAt(ny, Date.UTC(2024, 2, 10, 6, 59)), -300);
    assert.equal(offsetAt(ny, Date.UTC(2024, 2, 10, 7, 0)), -240);
  });
});

describe('time: findZones', () => {
  it('finds zones named in prose', () => {
    assert.deepEqual(
      findZones('All times in UTC.').map((z) => z.offsetMinutes),
      [0],
    );
    assert.deepEqual(
      findZones('(all times Central European Time)').map((z) => z.text),
      ['Central European Time'],
    );
    assert.deepEqual(
      findZones('Timezone: PST').map((z) => z.offsetMinutes),
      [-480],
    );
    assert.deepEqual(
      findZones('Times are America/New_York').map((z) => z.iana),
      ['America/New_York'],
    );
    assert.deepEqual(
      findZones('All times are GMT+1').map((z) => z.offsetMinutes),
      [60],
    );
  });
  it('ignores ordinary words and unknown capitals', () => {
    assert.deepEqual(findZones('We eat at the cat cafe; IT team said ALERT'), []);
  });
});

describe('time: ianaOffset memo by quarter hour', () => {
  it('gives what the zone itself says, at any instant, around clock changes too', () => {
    const zones = [
      'America/New_York',
      'Europe/London',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'America/St_Johns',
      'Pacific/Chatham',
      'Africa/Lagos',
      'Europe/Dublin',
    ];
    let seed = 20261201;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const instants: number[] = [];
    for (let i = 0; i < 1500; i++) instants.push(Math.floor(random() * Date.UTC(2100, 0, 1)));
    // Both sides of known changes: New York 2024-03-10 07:00 UTC, Lord Howe's half hour 2024-04-06 15:00 UTC.
    for (const at of [Date.UTC(2024, 2, 10, 7), Date.UTC(2024, 3, 6, 15)])
      for (const d of [-60_001, -1, 0, 1, 59_999, 600_000]) instants.push(at + d);
    for (const zone of zones) {
      const direct = IANAZone.create(zone);
      for (const t of instants) assert.equal(ianaOffset(zone, t), direct.offset(t), `${zone} at ${new Date(t).toISOString()}`);
    }
  });
});

describe('time: an ambiguous zone that both ends of a range share', () => {
  it('is reported once, where it is written', async () => {
    const { lint } = await import('../../server/src/engine');
    const text =
      '# O\n\n## Issue Summary\n\nOn 6 May 2024 from 10:15 to 13:40 BST staging was down for all teams.\n\n## Timeline\n\n- 10:15 BST script run\n';
    const found = lint(text).messages.filter((m) => m.ruleId === 'timezone-valid' && m.line === 5);
    assert.equal(found.length, 1);
  });
});
