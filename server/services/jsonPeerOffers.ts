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

  constructor(private readonly tree: Node) {}

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
    for (const sibling of parent.children ?? []) if (sibling !== object && sibling.type === 'object') keysOf(sibling).forEach((k) => out.add(k));
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

/** String items VS Code proposes inside an array that is the value of property `key`. */
export function peerItems(index: PropertyIndex, key: string, offset: number): Set<string> {
  const out = new Set<string>();
  for (const v of index.valuesOf(key)) {
    if (v.type !== 'array' || contains(v, offset)) continue;
    for (const item of v.children ?? []) if (item.type === 'string') out.add(item.value as string);
  }
  return out;
}
