/**
 * What VS Code's own JSON support already proposes at a spot of a document that has no schema, so we
 * never propose the same thing twice: property names of sibling objects (in the same array, or under a
 * property of the same name), values of other properties with the same name, and items of other arrays
 * under a property of the same name (vscode-json-languageservice, schema-less completion).
 */
import type { Node } from 'jsonc-parser';

/** Property value nodes by key name, built once per parsed document. */
export class PropertyIndex {
  private byKey?: Map<string, Node[]>;
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly arrays = new WeakMap<Node, Map<string, number>>();

  /** How often each string stands in one array: built once per array and document version. */
  arrayItems(array: Node): Map<string, number> {
    let counts = this.arrays.get(array);
    if (counts) return counts;
    counts = new Map();
    for (const item of array.children ?? []) {
      if (item.type === 'string') counts.set(item.value as string, (counts.get(item.value as string) ?? 0) + 1);
    }
    this.arrays.set(array, counts);
    return counts;
  }

  constructor(private readonly tree: Node) {}

  /** For arrays under property `key`: in how many of them each string item occurs. */
  itemCounts(key: string): Map<string, number> {
    let counts = this.counts.get(key);
    if (counts) return counts;
    counts = new Map();
    for (const v of this.valuesOf(key)) {
      if (v.type !== 'array') continue;
      const once = new Set<string>();
      for (const item of v.children ?? []) if (item.type === 'string') once.add(item.value as string);
      for (const value of once) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    this.counts.set(key, counts);
    return counts;
  }

  valuesOf(key: string): Node[] {
    if (!this.byKey) this.byKey = this.build();
    return this.byKey.get(key) ?? [];
  }

  private build(): Map<string, Node[]> {
    const map = new Map<string, Node[]>();
    const stack: Node[] = [this.tree];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'property' && node.children?.length === 2) {
        const key = node.children[0].value as string;
        let list = map.get(key);
        if (!list) map.set(key, (list = []));
        list.push(node.children[1]);
      }
      if (node.children) for (const c of node.children) stack.push(c);
    }
    return map;
  }
}

function keysOf(obj: Node): string[] {
  return (obj.children ?? []).map((p) => p.children?.[0]?.value as string).filter((k) => typeof k === 'string');
}

function contains(node: Node, offset: number): boolean {
  return offset >= node.offset && offset <= node.offset + node.length;
}

/** Property names VS Code proposes inside `object`. */
export function peerKeys(index: PropertyIndex, object: Node): Set<string> {
  const out = new Set<string>();
  const parent = object.parent;
  if (parent?.type === 'array') {
    for (const sibling of parent.children ?? [])
      if (sibling !== object && sibling.type === 'object') keysOf(sibling).forEach((k) => out.add(k));
  } else if (parent?.type === 'property') {
    const key = parent.children?.[0]?.value as string;
    for (const v of index.valuesOf(key)) if (v !== object && v.type === 'object') keysOf(v).forEach((k) => out.add(k));
  }
  return out;
}

/** String values VS Code proposes for the value of property `key` (from other properties named so). */
export function peerValues(index: PropertyIndex, key: string, offset: number): Set<string> {
  const out = new Set<string>();
  for (const v of index.valuesOf(key)) if (v.type === 'string' && !contains(v.parent!, offset)) out.add(v.value as string);
  return out;
}

/**
 * Whether VS Code proposes `value` inside `array` (the value of property `key`): it proposes the items of
 * every other array under a property of that name. Counts per value are built once per document, so a
 * question costs only a pass over the current array.
 */
export function peerItemTest(index: PropertyIndex, key: string, array: Node | undefined): (value: string) => boolean {
  const counts = index.itemCounts(key);
  const own = array?.type === 'array' ? index.arrayItems(array) : undefined;
  return (value) => (counts.get(value) ?? 0) - (own?.has(value) ? 1 : 0) > 0;
}
