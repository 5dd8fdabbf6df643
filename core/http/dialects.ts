/**
 * The three `.http` dialects and what each adds to the common grammar, from their documentation: REST
 * Client (Huachao Mao's VS Code extension, its README), httpyac (httpyac.github.io: "Request", "Variables",
 * "Scripting", "Assertions", "Environments") and the JetBrains HTTP Client (jetbrains.com/help/idea
 * "HTTP Client reference", "Dynamic variables", "Response handling"; its Neovim ports kulala and
 * rest.nvim follow it). The parser tags each construct it recognizes with the dialect it belongs to;
 * the hover names it, and `imsTags.http.dialect` narrows what is accepted when a file is ambiguous.
 */

export type Dialect = 'rest-client' | 'httpyac' | 'jetbrains';

/** `imsTags.http.dialect`: one tool's rules, or (default) whatever any of the three accepts. */
export type DialectSetting = 'any' | Dialect;

export const DIALECT_LABEL: Record<Dialect, string> = {
  'rest-client': 'REST Client',
  httpyac: 'httpyac',
  jetbrains: 'JetBrains HTTP Client (and kulala, rest.nvim)',
};

/** Whether a construct of `dialects` is accepted under the setting. */
export function accepts(setting: DialectSetting, ...dialects: Dialect[]): boolean {
  return setting === 'any' || dialects.includes(setting);
}

/** A script block or line the parser skips as code: where it is, what kind, whose. */
export interface HttpScript {
  start: number;
  end: number;
  kind: 'pre-request script' | 'response handler' | 'script block' | 'assertion' | 'loop';
  dialect: Dialect;
  /** `< ./before.js`, `> ./after.js`: the script is in that file (not read). */
  file?: string;
}

/** A variable a script sets, found by a conservative scan of the script's text. */
export interface ScriptVariable {
  name: string;
  start: number;
  end: number;
  /** How: `client.global.set`, `request.variables.set`, `$global`, `exports`. */
  via: string;
  dialect: Dialect;
  kind: HttpScript['kind'];
}

/** Each setter's form; the group named `name` is the variable (its place read from the match's indices). */
const SETTERS: Array<{ re: RegExp; via: string; dialect: Dialect }> = [
  { re: /\bclient\.global\.set\(\s*(["'`])(?<name>[^"'`\n]+)\1/dg, via: 'client.global.set', dialect: 'jetbrains' },
  { re: /\brequest\.variables\.set\(\s*(["'`])(?<name>[^"'`\n]+)\1/dg, via: 'request.variables.set', dialect: 'jetbrains' },
  { re: /\$global\.(?<name>[A-Za-z_$][\w$]*)\s*=(?!=)/dg, via: '$global', dialect: 'httpyac' },
  { re: /\bexports\.(?<name>[A-Za-z_$][\w$]*)\s*=(?!=)/dg, via: 'exports', dialect: 'httpyac' },
];

/** The variables a script's text sets (offsets of the names, relative to the document through `base`). */
export function scriptVariables(text: string, base: number, kind: HttpScript['kind']): ScriptVariable[] {
  const out: ScriptVariable[] = [];
  for (const { re, via, dialect } of SETTERS)
    for (const m of text.matchAll(re)) {
      // Where the group matched, not the first place its text occurs: `client.global.set("client", …)`.
      const [start, end] = m.indices!.groups!.name!;
      out.push({ name: m.groups!.name!, start: base + start, end: base + end, via, dialect, kind });
    }
  return out;
}

/**
 * The dynamic variables besides REST Client's (systemVariables.ts evaluates those): JetBrains' and
 * httpyac's, accepted with their argument forms and never judged here (their values come from the tool
 * that sends).
 */
export const OTHER_DYNAMIC_VARIABLES: Array<{ name: string; dialect: Dialect; doc: string; args?: RegExp }> = [
  { name: '$uuid', dialect: 'jetbrains', doc: 'a new UUID v4' },
  { name: '$isoTimestamp', dialect: 'jetbrains', doc: 'the current time as ISO-8601 (UTC)' },
  { name: '$random.uuid', dialect: 'jetbrains', doc: 'a new UUID v4' },
  { name: '$random.integer', dialect: 'jetbrains', doc: 'a random integer, $random.integer(from, to)' },
  { name: '$random.float', dialect: 'jetbrains', doc: 'a random float, $random.float(from, to)' },
  { name: '$random.alphabetic', dialect: 'jetbrains', doc: 'random letters, $random.alphabetic(length)' },
  { name: '$random.alphanumeric', dialect: 'jetbrains', doc: 'random letters, digits and _, $random.alphanumeric(length)' },
  { name: '$random.hexadecimal', dialect: 'jetbrains', doc: 'a random hexadecimal string, $random.hexadecimal(length)' },
  { name: '$random.email', dialect: 'jetbrains', doc: 'a random e-mail address' },
  { name: '$exampleServer', dialect: 'jetbrains', doc: "JetBrains' example server" },
  { name: '$input', dialect: 'httpyac', doc: 'asks for a value when sent ({{$input label}})' },
  { name: '$password', dialect: 'httpyac', doc: 'asks for a value when sent, masked ({{$password label}})' },
  { name: '$pick', dialect: 'httpyac', doc: 'asks to pick one of a list when sent ({{$pick label: a,b}})' },
  { name: '$env', dialect: 'httpyac', doc: 'the process environment, {{$env.NAME}}' },
];

/** JetBrains' `$random.*` family (documented and open-ended: `$random.address.city`…), and `$env.NAME`. */
export function otherDynamicVariable(name: string): (typeof OTHER_DYNAMIC_VARIABLES)[number] | undefined {
  const call = name.replace(/\(.*/s, '');
  const hit = OTHER_DYNAMIC_VARIABLES.find((v) => v.name === call);
  if (hit) return hit;
  if (/^\$random\.[A-Za-z][\w.]*$/.test(call)) return { name: call, dialect: 'jetbrains', doc: 'a Faker-style random value' };
  if (/^\$env\.[A-Za-z_][\w]*$/.test(call)) return OTHER_DYNAMIC_VARIABLES.find((v) => v.name === '$env');
  return undefined;
}
