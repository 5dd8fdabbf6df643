/** A small table router for IAM's paths: `{name}` segments become parameters. */
import { iamOperation, type IamOperation } from '../../core/client/iamOperations';
import { decodeOrUndefined } from '../../core/util/decode';
export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body; routes that take none ignore it. */
  body: unknown;
  callerId: string;
  path: string;
}

export type RouteAnswer = { status: number; body?: unknown; headers?: Record<string, string> };

export interface Route {
  /** The operation of core/client/iamOperations.ts this route serves: its method, path and required fields. */
  op: IamOperation;
  method: string;
  pattern: RegExp;
  names: string[];
  /** Who may call it: anyone signed in, or administrators only. */
  admin: boolean;
  handle: (c: RouteContext) => RouteAnswer;
}

/** The route of an operation of the table (core/client/iamOperations.ts): method and path come from there. */
export function operation(id: string, handle: Route['handle'], admin = true): Route {
  const op = iamOperation(id);
  const names: string[] = [];
  const pattern = new RegExp(
    `^${op.path.replace(/\{(\w+)\}/g, (_m, n: string) => {
      names.push(n);
      return '([^/]+)';
    })}$`,
  );
  return { op, method: op.method, pattern, names, admin, handle };
}

export function match(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | 'method' | 'malformed' | undefined {
  let pathMatched = false;
  for (const r of routes) {
    // Matched on the raw path: an escaped `%2F` stays inside its segment, never a separator.
    const m = r.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    const params: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [i, n] of r.names.entries()) {
      const value = decodeOrUndefined(m[i + 1]);
      if (value === undefined) return 'malformed';
      params[n] = value;
    }
    return { route: r, params };
  }
  return pathMatched ? 'method' : undefined;
}
