/**
 * System variables at their boundaries (core/http/variables/systemVariables.ts): every Day.js token,
 * local time in zones east and west of UTC (half-hour ones too), offsets at the edges of their syntax and
 * of JavaScript's dates, Restricted Mode and refused `.env` files, and the syntax check without a machine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkSystemVariable,
  evaluateSystemVariable,
  formatDate,
  isKnownSystemVariable,
  RESTRICTED_MODE_ERROR,
  SYSTEM_VARIABLES,
  type SystemEnv,
} from '../../core/http/variables/systemVariables';

const env = (now: Date, over: Partial<SystemEnv> = {}): SystemEnv => ({
  now: () => now,
  random: () => 0.999,
  uuid: () => 'u',
  processEnv: (n) => ({ HOME: '/h', TARGET: 'from-process' })[n],
  dotenv: (n) => ({ KEY: 'from-dotenv', TARGET: 'dot-target' })[n],
  environment: (n) => ({ pointer: 'TARGET', missing: 'ABSENT' })[n],
  ...over,
});
const run = (expr: string, e: SystemEnv) => {
  const r = evaluateSystemVariable(expr, e);
  return 'value' in r ? r.value : `ERROR ${r.error}`;
};

/** Runs f with the process in the time zone tz (Node reads TZ again when it is set). */
function inZone<T>(tz: string, f: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    return f();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

test('every Day.js token in UTC: padding, 12-hour clock at midnight and noon, AM and PM, literals', () => {
  const morning = new Date(Date.UTC(2005, 0, 2, 0, 3, 4, 7)); // Sunday
  assert.equal(
    formatDate(morning, 'YYYY YY MMMM MMM MM M DD D dddd ddd HH H hh h mm m ss s SSS A a ZZ Z', true),
    '2005 05 January Jan 01 1 02 2 Sunday Sun 00 0 12 12 03 3 04 4 007 AM am +0000 +00:00',
  );
  const evening = new Date(Date.UTC(2026, 11, 31, 23, 59, 58, 999)); // Thursday
  assert.equal(formatDate(evening, 'YYYY-MM-DD dddd HH hh h A a SSS', true), '2026-12-31 Thursday 23 11 11 PM pm 999');
  const noon = new Date(Date.UTC(2026, 5, 15, 12, 0, 0));
  assert.equal(formatDate(noon, 'hh h A', true), '12 12 PM', '12:00 is 12 PM');
  assert.equal(formatDate(noon, '[YYYY] [] YYYY [MM-DD]', true), 'YYYY  2026 MM-DD', 'brackets are literal, empty ones too');
  assert.equal(formatDate(noon, 'T/.,:-!', true), 'T/.,:-!', 'other characters are kept');
});

test('local date-times east and west of UTC, with half-hour zones written in both forms', () => {
  const at = new Date(Date.UTC(2026, 2, 4, 5, 6, 7, 89));
  inZone('Asia/Shanghai', () => {
    assert.equal(run('$localDatetime iso8601', env(at)), '2026-03-04T13:06:07+08:00');
    assert.equal(run('$localDatetime rfc1123', env(at)), 'Wed, 04 Mar 2026 13:06:07 +0800');
    assert.equal(run('$localDatetime "YYYY-MM-DD HH:mm"', env(at)), '2026-03-04 13:06');
    assert.equal(run('$datetime "YYYY-MM-DD HH:mm"', env(at)), '2026-03-04 05:06', '$datetime stays in UTC');
  });
  inZone('America/St_Johns', () => {
    // Newfoundland: UTC−3:30 in March before its summer time.
    assert.equal(run('$localDatetime iso8601', env(at)), '2026-03-04T01:36:07-03:30');
    assert.equal(run('$localDatetime rfc1123', env(at)), 'Wed, 04 Mar 2026 01:36:07 -0330');
  });
  inZone('Asia/Kolkata', () => assert.equal(formatDate(at, 'Z ZZ', false), '+05:30 +0530'));
});

test('years and months move by the calendar, in local time for $localDatetime and in UTC for the others', () => {
  const lastOfJan = new Date(Date.UTC(2026, 0, 31, 23, 30));
  // In UTC, 31 January + 1 month overflows into March, as JavaScript's and Day.js's calendars do.
  assert.equal(run('$datetime iso8601 1 M', env(lastOfJan)), '2026-03-03T23:30:00.000Z');
  assert.equal(run('$datetime iso8601 -1 y', env(lastOfJan)), '2025-01-31T23:30:00.000Z');
  inZone('Asia/Shanghai', () => {
    // Locally it is already 1 February 07:30; a month later is 1 March.
    assert.equal(run('$localDatetime "YYYY-MM-DD HH:mm" 1 M', env(lastOfJan)), '2026-03-01 07:30');
    assert.equal(run('$localDatetime "YYYY-MM-DD" 1 y', env(lastOfJan)), '2027-02-01');
    assert.equal(run('$localDatetime "YYYY-MM-DD HH:mm" 1 d', env(lastOfJan)), '2026-02-02 07:30');
  });
});

test('offsets: a sign, up to nine digits, one of the units; anything else says what is expected', () => {
  const at = new Date(Date.UTC(2026, 0, 1));
  const seconds = Date.UTC(2026, 0, 1) / 1000;
  assert.equal(run('$timestamp +1 s', env(at)), String(seconds + 1));
  assert.equal(run('$timestamp 1 m', env(at)), String(seconds + 60));
  assert.equal(run('$timestamp 1 h', env(at)), String(seconds + 3600));
  assert.equal(run('$timestamp 1 d', env(at)), String(seconds + 86400));
  assert.equal(run('$timestamp 999 ms', env(at)), String(seconds), 'milliseconds are floored to seconds');
  assert.equal(run('$timestamp 1000 ms', env(at)), String(seconds + 1));
  assert.equal(run('$timestamp 123456789 s', env(at)), String(seconds + 123456789), 'nine digits');
  for (const bad of ['1', '1 d x', '1234567890 s', '1.5 d', 'one d', '1 D', '1 Y', '1 sec', '- 1 d', '1 constructor']) {
    assert.equal(
      run(`$timestamp ${bad}`, env(at)),
      `ERROR $timestamp: the offset must be a whole number and a unit (y M w d h m s ms), e.g. "-1 d"; found "${bad}"`,
      bad,
    );
  }
  assert.equal(run('$timestamp 999999999 y', env(at)), 'ERROR $timestamp: the offset "999999999 y" moves the date out of range');
  assert.equal(
    run('$datetime iso8601 -999999999 d', env(at)),
    'ERROR $datetime: the offset "-999999999 d" moves the date out of range',
  );
  assert.match(run('$localDatetime iso8601 1', env(at)), /^ERROR \$localDatetime: the offset must be/);
  assert.equal(
    run('$localDatetime', env(at)),
    'ERROR $localDatetime needs a format: rfc1123, iso8601 or a quoted Day.js format such as "YYYY-MM-DD"',
  );
});

test('$randomInt: two whole numbers; the top is never reached; a space-separated format stays one argument', () => {
  const at = new Date(0);
  assert.equal(run('$randomInt 0 10', env(at)), '9', 'random just under 1 gives max − 1');
  assert.equal(run('$randomInt -5 -3', env(at)), '-4');
  assert.equal(run('$randomInt 0 10', env(at, { random: () => 0 })), '0');
  for (const bad of ['1.5 3', '1 3 5', '', 'a b'])
    assert.equal(
      run(`$randomInt ${bad}`, env(at)),
      'ERROR $randomInt needs two whole numbers, min and max, e.g. "$randomInt 1 100"',
      bad,
    );
  assert.equal(run(`$datetime 'YYYY MM' 1 y`, env(at)), '1971 01');
  assert.equal(run('  $guid  ', env(at)), 'u', 'surrounding space is not part of the name');
});

test('$processEnv and $dotenv: a NAME, `%` through the environment, Restricted Mode first, then a refused .env', () => {
  const at = new Date(0);
  assert.equal(run('$processEnv', env(at)), 'ERROR process environment needs a NAME');
  assert.equal(run('$dotenv', env(at)), 'ERROR .env needs a NAME');
  assert.equal(run('$processEnv %pointer', env(at)), 'from-process');
  assert.equal(run('$dotenv %pointer', env(at)), 'dot-target');
  assert.equal(run('$dotenv KEY', env(at)), 'from-dotenv');
  assert.equal(
    run('$processEnv %missing', env(at)),
    'ERROR ABSENT is not set (process environment)',
    'the name the environment gave',
  );
  assert.equal(run('$processEnv %nothing', env(at)), 'ERROR nothing is not a variable of the selected environment');
  assert.equal(run('$dotenv %', env(at)), 'ERROR  is not a variable of the selected environment');
  const restricted = env(at, { restricted: true, dotenvRefused: '.env is a link out of the workspace' });
  assert.equal(run('$processEnv HOME', restricted), `ERROR ${RESTRICTED_MODE_ERROR}`);
  assert.equal(run('$dotenv KEY', restricted), `ERROR ${RESTRICTED_MODE_ERROR}`, 'Restricted Mode is said before the refusal');
  const refused = env(at, { dotenvRefused: '.env is a link out of the workspace' });
  assert.equal(run('$dotenv KEY', refused), 'ERROR .env is a link out of the workspace');
  assert.equal(run('$processEnv HOME', refused), '/h', 'a refused .env does not touch the process environment');
  assert.equal(run('$guid', env(at, { restricted: true })), 'u', 'Restricted Mode keeps what needs no machine');
});

test('the syntax check: known names only, NAME for the two that read the machine, the evaluator for the rest', () => {
  assert.equal(checkSystemVariable('$aadToken'), undefined, 'a name of REST Client this extension does not know');
  assert.equal(checkSystemVariable('$random.uuid'), undefined);
  assert.equal(checkSystemVariable('$processEnv'), '$processEnv needs a NAME');
  assert.equal(checkSystemVariable('$dotenv A B'), '$dotenv needs a NAME');
  assert.equal(checkSystemVariable(' $dotenv UNSET_ANYWHERE '), undefined, 'whether it is set is not syntax');
  assert.equal(checkSystemVariable('$processEnv %whatever'), undefined);
  assert.equal(checkSystemVariable('$datetime iso8601 3 d'), undefined);
  assert.match(checkSystemVariable('$datetime') ?? '', /needs a format/);
  assert.match(checkSystemVariable('$timestamp 1 fortnight') ?? '', /the offset must be/);
  assert.match(checkSystemVariable('$randomInt 1') ?? '', /two whole numbers/);
  assert.equal(checkSystemVariable('$guid'), undefined);
  assert.equal(isKnownSystemVariable('$uuid'), true);
  assert.equal(isKnownSystemVariable('uuid'), false);
  assert.equal(isKnownSystemVariable('$UUID'), false);
});

test('the table shown in completion and hover: every variable documented, its syntax and example led by its name, each example valid', () => {
  // REST Client's system variables, and $uuid of httpyac and JetBrains.
  assert.deepEqual(
    SYSTEM_VARIABLES.map((v) => v.name),
    ['$guid', '$uuid', '$randomInt', '$timestamp', '$datetime', '$localDatetime', '$processEnv', '$dotenv'],
  );
  const machine = env(new Date(Date.UTC(2026, 0, 2)), { dotenv: () => 'p' });
  for (const v of SYSTEM_VARIABLES) {
    assert.equal(v.syntax.split(' ')[0], v.name, v.name);
    assert.equal(v.example.split(' ')[0], v.name, v.name);
    assert.ok(v.syntax.length >= v.name.length && v.doc.length > 20 && v.doc.endsWith('.'), v.name);
    assert.ok(!run(v.example, machine).startsWith('ERROR'), `${v.example}: ${run(v.example, machine)}`);
    assert.equal(checkSystemVariable(v.example), undefined, v.example);
  }
  // The syntax names the arguments each takes.
  for (const v of SYSTEM_VARIABLES.filter((x) => x.example.includes(' ')))
    assert.ok(v.syntax.includes(' '), `${v.name} takes arguments: its syntax says which`);
});

test("month and day names as Day.js writes them in English (checked against Intl's), and noon is pm", () => {
  for (let month = 0; month < 12; month++) {
    const d = new Date(Date.UTC(2026, month, 15, 12));
    const long = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' }).format(d);
    assert.equal(formatDate(d, 'MMMM MMM', true), `${long} ${long.slice(0, 3)}`);
  }
  for (let day = 0; day < 7; day++) {
    const d = new Date(Date.UTC(2026, 1, 1 + day, 12));
    const long = new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: 'UTC' }).format(d);
    assert.equal(formatDate(d, 'dddd ddd', true), `${long} ${long.slice(0, 3)}`);
  }
  assert.equal(formatDate(new Date(Date.UTC(2026, 0, 1, 12)), 'h a A', true), '12 pm PM');
  assert.equal(formatDate(new Date(Date.UTC(2026, 0, 1, 11, 59)), 'h a A', true), '11 am AM');
});

test('$timestamp moves by months and years in UTC, whatever the local zone', () => {
  // 23:30 UTC on 31 January is already 1 February in Tokyo: a month on from there is 1 March local,
  // but $timestamp counts in UTC: 31 January + 1 month = 3 March (February has 28 days).
  const now = new Date(Date.UTC(2026, 0, 31, 23, 30));
  const inTokyo = inZone('Asia/Tokyo', () => run('$timestamp 1 M', env(now)));
  assert.equal(inTokyo, String(Date.UTC(2026, 2, 3, 23, 30) / 1000));
});
