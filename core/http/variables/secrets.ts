/**
 * Which variables of a .http file hold secrets, judged by where values go as well as by names: a
 * variable used in `Authorization`, `X-Auth-Token`, `Cookie` or a header or query parameter named like a
 * token, secret, password or key is a secret, and so is every variable its value is built from
 * (`@auth = Bearer {{jwt}}` makes jwt one). Where values come from is judged by the resolver: the
 * process environment, `.env`, private env files and any value built from a secret are secrets too.
 */
import type { HttpFile } from '../httpFile';
import type { Environment } from './environments';
import { looksSecret, variableReferences } from './references';

/** Headers whose values are credentials (Huawei's token headers, HTTP's own, cookies). */
const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-auth-token',
  'x-subject-token',
  'x-security-token',
  'cookie',
  'set-cookie',
]);

/** A header or query parameter named like a credential: token, secret, password, signature, an (API/access) key. */
export function isSecretParameter(name: string): boolean {
  const n = name.toLowerCase();
  return (
    CREDENTIAL_HEADERS.has(n) || looksSecret(n) || /(^|[-_])(api|access|private|secret|auth)[-_]?key$|signature|session/.test(n)
  );
}

/** Whether a variable comes from a private env file (`http-client.private.env.json`, kept out of version control). */
export function isPrivateSource(label: string): boolean {
  return label.includes('.private.env.json');
}

/** The query parameters of a URL as name and value text (no decoding: names are compared, values scanned). */
export function queryParameters(url: string): Array<{ name: string; value: string }> {
  const q = url.indexOf('?');
  if (q < 0) return [];
  const hash = url.indexOf('#', q);
  return url
    .slice(q + 1, hash < 0 ? url.length : hash)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? { name: pair, value: '' } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
    });
}

const cache = new WeakMap<HttpFile, WeakMap<Environment, ReadonlySet<string>>>();

/** The plain names whose values are secrets by where they are used, and the names those are built from. */
export function secretNames(file: HttpFile, environment: Environment): ReadonlySet<string> {
  let byEnv = cache.get(file);
  if (!byEnv) cache.set(file, (byEnv = new WeakMap()));
  let names = byEnv.get(environment);
  if (!names) byEnv.set(environment, (names = computeSecretNames(file, environment)));
  return names;
}

function computeSecretNames(file: HttpFile, environment: Environment): Set<string> {
  const names = new Set<string>();
  const pending: string[] = [];
  const add = (name: string) => {
    const plain = name.startsWith('%') ? name.slice(1) : name;
    if (!names.has(plain)) {
      names.add(plain);
      pending.push(plain);
    }
  };
  const addReferences = (text: string) => {
    for (const ref of variableReferences(text)) if (ref.kind === 'plain') add(ref.name);
  };
  for (const v of file.variables) if (looksSecret(v.name)) add(v.name);
  for (const name of environment.variables.keys()) if (looksSecret(name)) add(name);
  for (const r of file.requests) {
    for (const h of r.headers) if (isSecretParameter(h.name.text)) addReferences(h.value.text);
    for (const p of queryParameters(r.fullUrl)) if (isSecretParameter(p.name)) addReferences(p.value);
    for (const p of r.prompts) if (looksSecret(p.name)) add(p.name);
  }
  // Backwards along definitions: whatever a secret is built from is a secret too.
  const definitions = new Map<string, string[]>();
  for (const v of file.variables) definitions.set(v.name, [...(definitions.get(v.name) ?? []), v.value]);
  for (const [name, v] of environment.variables) definitions.set(name, [...(definitions.get(name) ?? []), v.value]);
  while (pending.length > 0) for (const value of definitions.get(pending.pop()!) ?? []) addReferences(value);
  return names;
}

/** A URL for a log line: scheme, host and path only, never a query value or a fragment. */
export function urlForLog(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : url.slice(0, cut);
}

/** A URL for the response view: query values of secret-named parameters masked. */
export function urlWithSecretsMasked(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const masked = queryParameters(url).map((p) =>
    isSecretParameter(p.name) ? `${p.name}=••••` : p.value ? `${p.name}=${p.value}` : p.name,
  );
  return `${url.slice(0, q)}?${masked.join('&')}`;
}
