/**
 * REST Client's system variables (docs/sources.md §H), with its syntax and meaning: `{{$guid}}` (and
 * httpyac's `{{$uuid}}`), `{{$randomInt min max}}` (min ≤ n < max), `{{$timestamp [offset unit]}}`
 * (UTC seconds), `{{$datetime rfc1123|iso8601|"format" [offset unit]}}` (UTC), `{{$localDatetime …}}`
 * (local time), `{{$processEnv [%]NAME}}` and `{{$dotenv [%]NAME}}` (with `%`, NAME is first looked up
 * in the selected environment). Units: y M w d h m s ms. Custom formats take Day.js tokens (YYYY MM DD
 * HH mm ss SSS, and the others below), as REST Client does. Pure: the clock, randomness and the
 * environment come from `SystemEnv`.
 */

export interface SystemEnv {
  now(): Date;
  random(): number;
  uuid(): string;
  processEnv(name: string): string | undefined;
  dotenv(name: string): string | undefined;
  /** A variable of the selected environment (for `%NAME`). */
  environment(name: string): string | undefined;
  /**
   * An untrusted workspace (VS Code's Restricted Mode): the process environment and `.env` are not read,
   * so a stranger's file cannot pull a secret into a hover.
   */
  restricted?: boolean;
  /** Why `.env` was not read (a link out of the workspace, too large): `$dotenv` says so. */
  dotenvRefused?: string;
}

/** Why $processEnv and $dotenv have no value in Restricted Mode. */
export const RESTRICTED_MODE_ERROR = 'not read in Restricted Mode: trust this workspace to read it';

export interface SystemVariableInfo {
  name: string;
  syntax: string;
  doc: string;
  example: string;
}

export const SYSTEM_VARIABLES: readonly SystemVariableInfo[] = [
  { name: '$guid', syntax: '$guid', doc: 'A new random UUID (version 4) each time the request is sent.', example: '$guid' },
  { name: '$uuid', syntax: '$uuid', doc: 'A new random UUID (version 4), as `$guid` (httpyac, JetBrains).', example: '$uuid' },
  {
    name: '$randomInt',
    syntax: '$randomInt min max',
    doc: 'A random integer n with min ≤ n < max.',
    example: '$randomInt 1 100',
  },
  {
    name: '$timestamp',
    syntax: '$timestamp [offset unit]',
    doc: 'The UTC time in seconds since 1970, optionally moved by an offset (units y M w d h m s ms), e.g. `$timestamp -1 d`.',
    example: '$timestamp',
  },
  {
    name: '$datetime',
    syntax: '$datetime rfc1123|iso8601|"format" [offset unit]',
    doc: 'The UTC date and time as RFC 1123, ISO 8601 or a Day.js format such as "YYYY-MM-DD", optionally moved by an offset.',
    example: '$datetime iso8601',
  },
  {
    name: '$localDatetime',
    syntax: '$localDatetime rfc1123|iso8601|"format" [offset unit]',
    doc: 'As `$datetime`, in the local time zone.',
    example: '$localDatetime iso8601',
  },
  {
    name: '$processEnv',
    syntax: '$processEnv [%]NAME',
    doc: 'The environment variable NAME of the process that sends; with `%`, NAME is first looked up in the selected .http environment.',
    example: '$processEnv HOME',
  },
  {
    name: '$dotenv',
    syntax: '$dotenv [%]NAME',
    doc: 'NAME from the `.env` file beside the .http file; with `%`, NAME is first looked up in the selected .http environment.',
    example: '$dotenv PROJECT_ID',
  },
];

export type SystemResult = { value: string } | { error: string };

const UNITS: Record<string, (d: Date, n: number, utc: boolean) => void> = {
  y: (d, n, u) => (u ? d.setUTCFullYear(d.getUTCFullYear() + n) : d.setFullYear(d.getFullYear() + n)),
  M: (d, n, u) => (u ? d.setUTCMonth(d.getUTCMonth() + n) : d.setMonth(d.getMonth() + n)),
  w: (d, n) => d.setTime(d.getTime() + n * 7 * 86_400_000),
  d: (d, n) => d.setTime(d.getTime() + n * 86_400_000),
  h: (d, n) => d.setTime(d.getTime() + n * 3_600_000),
  m: (d, n) => d.setTime(d.getTime() + n * 60_000),
  s: (d, n) => d.setTime(d.getTime() + n * 1000),
  ms: (d, n) => d.setTime(d.getTime() + n),
};

/** Splits arguments at spaces (leading and trailing ones too), keeping "quoted" and 'quoted' formats whole. */
function args(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function offsetDate(now: Date, rest: string[], utc: boolean): Date | string {
  const d = new Date(now.getTime());
  if (rest.length === 0) return d;
  if (rest.length !== 2 || !/^[-+]?\d{1,9}$/.test(rest[0]) || !Object.hasOwn(UNITS, rest[1]))
    return `the offset must be a whole number and a unit (y M w d h m s ms), e.g. "-1 d"; found "${rest.join(' ')}"`;
  UNITS[rest[1]](d, Number(rest[0]), utc);
  // Far offsets leave JavaScript's range of dates (±275,760 years): an error, not a throw later.
  if (Number.isNaN(d.getTime())) return `the offset "${rest.join(' ')}" moves the date out of range`;
  return d;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Day.js formatting for the tokens REST Client users write; `[text]` is literal. */
export function formatDate(d: Date, format: string, utc: boolean): string {
  const get = {
    Y: utc ? d.getUTCFullYear() : d.getFullYear(),
    M: (utc ? d.getUTCMonth() : d.getMonth()) + 1,
    D: utc ? d.getUTCDate() : d.getDate(),
    d: utc ? d.getUTCDay() : d.getDay(),
    H: utc ? d.getUTCHours() : d.getHours(),
    m: utc ? d.getUTCMinutes() : d.getMinutes(),
    s: utc ? d.getUTCSeconds() : d.getSeconds(),
    S: utc ? d.getUTCMilliseconds() : d.getMilliseconds(),
  };
  const offset = utc ? 0 : -d.getTimezoneOffset();
  const zone = (sep: string) =>
    `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}${sep}${pad(Math.abs(offset) % 60)}`;
  const h12 = get.H % 12 === 0 ? 12 : get.H % 12;
  const tokens: Record<string, () => string> = {
    YYYY: () => String(get.Y),
    YY: () => pad(get.Y % 100),
    MMMM: () => MONTHS[get.M - 1],
    MMM: () => MONTHS[get.M - 1].slice(0, 3),
    MM: () => pad(get.M),
    M: () => String(get.M),
    DD: () => pad(get.D),
    D: () => String(get.D),
    dddd: () => DAYS[get.d],
    ddd: () => DAYS[get.d].slice(0, 3),
    HH: () => pad(get.H),
    H: () => String(get.H),
    hh: () => pad(h12),
    h: () => String(h12),
    mm: () => pad(get.m),
    m: () => String(get.m),
    ss: () => pad(get.s),
    s: () => String(get.s),
    SSS: () => pad(get.S, 3),
    A: () => (get.H < 12 ? 'AM' : 'PM'),
    a: () => (get.H < 12 ? 'am' : 'pm'),
    ZZ: () => zone(''),
    Z: () => zone(':'),
  };
  return format.replace(/\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|SSS|A|a|ZZ|Z/g, (t, literal) =>
    literal !== undefined ? literal : tokens[t](),
  );
}

function datetime(env: SystemEnv, rest: string[], utc: boolean, name: string): SystemResult {
  const [format, ...offset] = rest;
  if (format === undefined)
    return { error: `${name} needs a format: rfc1123, iso8601 or a quoted Day.js format such as "YYYY-MM-DD"` };
  const d = offsetDate(env.now(), offset, utc);
  if (typeof d === 'string') return { error: `${name}: ${d}` };
  if (format === 'rfc1123') return { value: utc ? d.toUTCString() : formatDate(d, 'ddd, DD MMM YYYY HH:mm:ss ZZ', false) };
  if (format === 'iso8601') return { value: utc ? d.toISOString() : formatDate(d, 'YYYY-MM-DDTHH:mm:ssZ', false) };
  return { value: formatDate(d, format, utc) };
}

function lookup(env: SystemEnv, name: string, from: (n: string) => string | undefined, what: string): SystemResult {
  if (!name) return { error: `${what} needs a NAME` };
  const key = name.startsWith('%') ? env.environment(name.slice(1)) : name;
  if (key === undefined) return { error: `${name.slice(1)} is not a variable of the selected environment` };
  const v = from(key);
  return v === undefined ? { error: `${key} is not set (${what})` } : { value: v };
}

/** The value of a system variable expression such as `$randomInt 1 10`, or why it has none. */
export function evaluateSystemVariable(expr: string, env: SystemEnv): SystemResult {
  const [name, ...rest] = args(expr);
  switch (name) {
    case '$guid':
    case '$uuid':
      return { value: env.uuid() };
    case '$randomInt': {
      const [min, max] = rest.map(Number);
      // REST Client computes min + floor(random × (max − min)) for any two integers, in either order.
      if (rest.length !== 2 || !Number.isInteger(min) || !Number.isInteger(max))
        return { error: '$randomInt needs two whole numbers, min and max, e.g. "$randomInt 1 100"' };
      return { value: String(min + Math.floor(env.random() * (max - min))) };
    }
    case '$timestamp': {
      const d = offsetDate(env.now(), rest, true);
      return typeof d === 'string' ? { error: `$timestamp: ${d}` } : { value: String(Math.floor(d.getTime() / 1000)) };
    }
    case '$datetime':
      return datetime(env, rest, true, name);
    case '$localDatetime':
      return datetime(env, rest, false, name);
    case '$processEnv':
      if (env.restricted) return { error: RESTRICTED_MODE_ERROR };
      return lookup(env, rest[0] ?? '', (n) => env.processEnv(n), 'process environment');
    case '$dotenv':
      if (env.restricted) return { error: RESTRICTED_MODE_ERROR };
      if (env.dotenvRefused) return { error: env.dotenvRefused };
      return lookup(env, rest[0] ?? '', (n) => env.dotenv(n), '.env');
    default:
      return {
        error: `${name} is not a system variable this extension knows (${SYSTEM_VARIABLES.map((v) => v.name).join(', ')})`,
      };
  }
}

/** Whether the name is one of ours: REST Client and httpyac know others ($aadToken, $random.*), never judged here. */
export function isKnownSystemVariable(name: string): boolean {
  return SYSTEM_VARIABLES.some((v) => v.name === name);
}

/**
 * Whether the syntax is right, without evaluating what depends on the machine ($processEnv, $dotenv);
 * names this extension does not know are not judged.
 */
export function checkSystemVariable(expr: string): string | undefined {
  const [name] = args(expr);
  if (!isKnownSystemVariable(name)) return undefined;
  if (name === '$processEnv' || name === '$dotenv') return args(expr).length === 2 ? undefined : `${name} needs a NAME`;
  // Only whether an error comes back is read: the probe's values (but the date, which offsets move) are
  // never judged (bench/mutation/survivors.md).
  const probe: SystemEnv = {
    now: () => new Date(0),
    // Stryker disable ArrowFunction,StringLiteral
    random: () => 0,
    uuid: () => '00000000-0000-4000-8000-000000000000',
    processEnv: () => '',
    dotenv: () => '',
    environment: () => '',
    // Stryker restore ArrowFunction,StringLiteral
  };
  const r = evaluateSystemVariable(expr, probe);
  return 'error' in r ? r.error : undefined;
}
