/** A small table router for IAM's paths: `{name}` segments become parameters. */
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
  method: string;
  pattern: RegExp;
  names: string[];
  /** Who may call it: anyone signed in, or administrators only. */
  admin: boolean;
  handle: (c: RouteContext) => RouteAnswer;
}

export function route(method: string, path: string, handle: Route['handle'], admin = true): Route {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${path.replace(/\{(\w+)\}/g, (_m, n: string) => {
      names.push(n);
      return '([^/]+)';
    })}$`,
  );
  return { method, pattern, names, admin, handle };
}

export function match(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | 'method' | undefined {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    return { route: r, params: Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return pathMatched ? 'method' : undefined;
}
