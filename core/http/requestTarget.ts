/**
 * What an IMS request of a .http file sends: its API, the path and query with every {{variable}}
 * resolved (request, file, prompt, environment and system variables, variables/resolver.ts), the
 * headers and body, the host the file names, and what is left without a value. The connection's
 * project and region stand in where no source defines them. The server answers Send and the policy
 * checks with it (server/services/httpRequests.ts), so both send exactly the same thing.
 */
import type { HttpRequest } from './httpFile';
import { splitUrl } from './imsRequest';
import type { Environment } from './variables/environments';
import { resolveReference, resolveText, type VariableInputs } from './variables/resolver';

export interface ResolvedRequest {
  method: string;
  url: string;
  headers: Array<{ name: string; value: string }>;
  body?: string;
  /** Names (expressions) of {{variables}} that nothing gave a value. */
  missing: string[];
  /** Why some have none (a bad system variable, a JSONPath that finds nothing). */
  errors: string[];
  /** Named requests whose responses some of the missing variables wait for (send them first), with those variables. */
  awaits: Array<{ request: string; variables: string[] }>;
}

/** The environment with the connection's project and region under it, where nothing defines them. */
export function withDefaults(env: Environment, defaults: { projectId: string; region: string }): Environment {
  const variables = new Map(env.variables);
  for (const [name, value] of Object.entries(defaults))
    if (!variables.has(name)) variables.set(name, { value, environment: '$shared', source: 'the connection' });
  return { ...env, variables };
}

/** Every variable of a request resolved: its URL, headers and body. */
export function resolveRequest(inputs: VariableInputs, request: HttpRequest): ResolvedRequest {
  const missing = new Set<string>();
  const awaits = new Map<string, Set<string>>();
  const errors: string[] = [];
  const resolve = (text: string) => {
    const r = resolveText(inputs, text, request);
    for (const u of r.unresolved) {
      missing.add(u.expr);
      for (const name of resolveReference(inputs, u, request)?.awaits ?? []) {
        const variables = awaits.get(name) ?? new Set();
        awaits.set(name, variables.add(u.expr));
      }
    }
    errors.push(...r.errors);
    if (r.problem) errors.push(r.problem);
    return r.text;
  };
  const url = resolve(request.fullUrl);
  const headers = request.headers.map((h) => ({ name: h.name.text, value: resolve(h.value.text) }));
  const body = request.body && !request.body.file ? resolve(request.body.text) : undefined;
  return {
    method: (request.method?.text ?? 'GET').toUpperCase(),
    url,
    headers,
    body,
    missing: [...missing],
    errors: [...new Set(errors)],
    awaits: [...awaits].map(([name, variables]) => ({ request: name, variables: [...variables] })),
  };
}

/** A resolved URL's parts: the host the file names, the path, and path with query to append to an endpoint. */
export function urlParts(url: string): { host?: string; path: string; pathAndQuery: string } {
  const { host, path } = splitUrl(url);
  const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
  return { host, path, pathAndQuery: `${path}${query}` };
}
