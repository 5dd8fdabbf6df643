/**
 * The JSONPath REST Client request variables use after `body.` (`$.token.project.id`, `$.tags[0].key`,
 * `$['a b']`, `*`): the first value found, or undefined. `$..` (deep scan) and filters are not read.
 */

type Step = string | number | '*';

function steps(path: string): Step[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const out: Step[] = [];
  let i = 1;
  while (i < path.length) {
    if (path.startsWith('..', i)) return undefined;
    if (path[i] === '.') {
      const m = /^\.(\*|[^.[\]]+)/.exec(path.slice(i));
      if (!m) return undefined;
      out.push(m[1] === '*' ? '*' : m[1]);
      i += m[0].length;
    } else if (path[i] === '[') {
      const m = /^\[(?:(\d+)|'([^']*)'|"([^"]*)"|(\*))\]/.exec(path.slice(i));
      if (!m) return undefined;
      out.push(m[1] !== undefined ? Number(m[1]) : m[4] ? '*' : (m[2] ?? m[3]));
      i += m[0].length;
    } else return undefined;
  }
  return out;
}

export function evaluateJsonPath(value: unknown, path: string): unknown {
  const s = steps(path.trim());
  if (!s) return undefined;
  let current: unknown[] = [value];
  for (const step of s) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== 'object') continue;
      if (step === '*') next.push(...Object.values(v));
      else if (typeof step === 'number') {
        if (Array.isArray(v) && step < v.length) next.push(v[step]);
      } else if (Object.prototype.hasOwnProperty.call(v, step)) next.push((v as Record<string, unknown>)[step]);
    }
    current = next;
  }
  return current[0];
}

export function isValidJsonPath(path: string): boolean {
  return steps(path.trim()) !== undefined;
}
