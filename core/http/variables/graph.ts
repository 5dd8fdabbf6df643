/**
 * How the variables of a .http file and its environment build on each other, computed once without
 * recursion: which names lie on a cycle (`@a = {{b}}`, `@b = {{a}}`), which are built on one, and how
 * deeply each nests. The resolver asks this before expanding a name, so a cycle or a 10,000-deep chain
 * is a problem said at once, in whatever order names are asked — never a hang or a stack overflow.
 * A name's definition is its last file variable, else its environment variable, as the resolver reads it
 * (a `# @prompt` of the same name is a leaf, and the resolver takes it before the environment).
 */
import type { HttpFile } from '../httpFile';
import type { Environment } from './environments';
import { variableReferences } from './references';

/** Nesting past this is a problem (MAX_DEPTH in resolver.ts). */
export const MAX_NESTING_OF_VARIABLES = 64;

export interface VariableShape {
  /** 1 for a value with no variables, one more per level of variables within variables. */
  height: number;
  /** Why the name is not expanded: it lies on or builds on a cycle, or nests too deep. */
  problem?: string;
}

const cache = new WeakMap<HttpFile, WeakMap<Environment, ReadonlyMap<string, VariableShape>>>();

export function variableShapes(file: HttpFile, environment: Environment): ReadonlyMap<string, VariableShape> {
  let byEnv = cache.get(file);
  if (!byEnv) cache.set(file, (byEnv = new WeakMap()));
  let shapes = byEnv.get(environment);
  if (!shapes) byEnv.set(environment, (shapes = computeShapes(file, environment)));
  return shapes;
}

function computeShapes(file: HttpFile, environment: Environment): Map<string, VariableShape> {
  // The definition each name resolves to (its index), and the names its value uses.
  const index = new Map<string, number>();
  const values: string[] = [];
  const define = (name: string, value: string) => {
    const at = index.get(name);
    if (at === undefined) {
      index.set(name, values.length);
      values.push(value);
    } else values[at] = value;
  };
  for (const [name, v] of environment.variables) define(name, v.value);
  for (const v of file.variables) define(v.name, v.value);
  const names = [...index.keys()];
  const edges = values.map((value) => {
    const out: number[] = [];
    if (!value.includes('{{')) return out;
    for (const ref of variableReferences(value)) {
      if (ref.kind !== 'plain') continue;
      const target = index.get(ref.name.charCodeAt(0) === 37 /* % */ ? ref.name.slice(1) : ref.name);
      if (target !== undefined && !out.includes(target)) out.push(target);
    }
    return out;
  });
  const shapes = new Map<string, VariableShape>();
  // Tarjan's strongly connected components, with an explicit stack: components come out children first.
  const order = new Array<number>(names.length).fill(-1);
  const low = new Array<number>(names.length).fill(0);
  const onStack = new Array<boolean>(names.length).fill(false);
  const stack: number[] = [];
  const component = new Array<number>(names.length).fill(-1);
  let counter = 0;
  let components = 0;
  const heights: number[] = [];
  const problems: Array<string | undefined> = [];
  for (let root = 0; root < names.length; root++) {
    if (order[root] >= 0) continue;
    const work: Array<[node: number, next: number]> = [[root, 0]];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const top = work[work.length - 1];
      const [v, i] = top;
      if (i < edges[v].length) {
        top[1]++;
        const w = edges[v][i];
        if (order[w] < 0) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v], order[w]);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] !== order[v]) continue;
      // v roots a component: pop it, then judge it from the components it uses (already judged).
      const members: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = false;
        component[w] = components;
        members.push(w);
      } while (w !== v);
      const cyclic = members.length > 1 || edges[v].includes(v);
      let height = 0;
      let problem: string | undefined = cyclic ? `refers to itself: ${cycleThrough(v, members, edges, names)}` : undefined;
      for (const m of members)
        for (const e of edges[m]) {
          if (component[e] === components) continue;
          height = Math.max(height, heights[component[e]]);
          problem ??= problems[component[e]];
        }
      heights[components] = height + 1;
      problems[components] =
        problem ??
        (height + 1 > MAX_NESTING_OF_VARIABLES ? `nests variables more than ${MAX_NESTING_OF_VARIABLES} deep` : undefined);
      components++;
    }
  }
  for (let i = 0; i < names.length; i++) {
    const c = component[i];
    shapes.set(names[i], { height: heights[c], ...(problems[c] ? { problem: problems[c] } : {}) });
  }
  return shapes;
}

/** A shortest cycle from `start` back to it inside its component, as `{{a}} → {{b}} → {{a}}`. */
function cycleThrough(start: number, members: number[], edges: number[][], names: string[]): string {
  const inside = new Set(members);
  const parent = new Map<number, number>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    for (const w of edges[v]) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let x = v; x !== start; x = parent.get(x)!) path.push(x);
        path.push(start);
        // path: start, v, …, back to start, read backwards from v; put it in walking order.
        const walk = [start, ...path.slice(1, -1).reverse(), start];
        return walk.map((n) => `{{${names[n]}}}`).join(' → ');
      }
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return `{{${names[start]}}}`;
}
