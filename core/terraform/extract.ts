/**
 * What the IMS extension reads in a Terraform file (docs/sources.md §T): the policy of each
 * `huaweicloud_identity_role` (Version 1.1) and the `policy_document` of each
 * `huaweicloud_identityv5_policy` (5.0), written as a heredoc or as `jsonencode({...})` in HCL object
 * syntax, each turned into a JSON document with a source map; and the `tags` maps of the IMS image
 * resources. Terraform expressions (`var.x`, `local.y`, `"${…}"`, function calls) are kept as strings
 * and marked dynamic, so nothing judges them as values.
 */
import { SourceMap, type Segment } from './sourceMap';
import { first, kids, named, type SyntaxNode } from './syntax';
import { readHclSubset } from './hclSubset';
import type { TopLevelItem } from './topLevel';

export interface EmbeddedPolicy {
  /** The resource address, `huaweicloud_identity_role.tagger`. */
  address: string;
  resourceType: string;
  attribute: 'policy' | 'policy_document';
  /** The Version the resource takes. */
  expectedVersion: '1.1' | '5.0';
  form: 'heredoc' | 'jsonencode';
  json: string;
  map: SourceMap;
  /** Virtual ranges that are Terraform expressions, not values. */
  dynamic: Array<{ start: number; end: number }>;
  /** The attribute's value in the .tf source. */
  start: number;
  end: number;
}

export interface TagEntry {
  key: string;
  value: string;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
  /** Key or value is a Terraform expression: not judged. */
  dynamicKey: boolean;
  dynamicValue: boolean;
}

export interface TagMap {
  address: string;
  entries: TagEntry[];
  start: number;
  end: number;
}

export interface TerraformModel {
  policies: EmbeddedPolicy[];
  tagMaps: TagMap[];
}

const POLICY_RESOURCES: Record<string, { attribute: EmbeddedPolicy['attribute']; version: EmbeddedPolicy['expectedVersion'] }> = {
  huaweicloud_identity_role: { attribute: 'policy', version: '1.1' },
  huaweicloud_identityv5_policy: { attribute: 'policy_document', version: '5.0' },
};

/** The IMS image resources with `tags` (huaweicloud_images_image, _image_copy, and huaweicloud_ims_*_image). */
export function isImageResource(type: string): boolean {
  return /^huaweicloud_images_image(_copy)?$/.test(type) || /^huaweicloud_ims_\w*image$/.test(type);
}

/** A resource type whose policy or tags are read. */
const isReadResource = (type: string): boolean => Object.hasOwn(POLICY_RESOURCES, type) || isImageResource(type);

/** The text of a quoted string without interpolation, or undefined. */
function plainString(n: SyntaxNode | undefined, text: string): string | undefined {
  if (!n) return undefined;
  const lit = n.type === 'string_lit' ? n : undefined;
  if (!lit) return undefined;
  // A string with `${…}` or `%{…}` in it is an expression: not a plain string.
  if (named(lit).some((c) => c.type === 'template_interpolation' || c.type === 'template_directive')) return undefined;
  const t = first(lit, 'template_literal');
  if (!t) return '';
  // tree-sitter's template_literal leaves out the spaces at the string's ends (" blue" reads "blue"):
  // the quotes bound the value.
  const open = kids(lit).find((c) => c.type === 'quoted_template_start');
  const close = kids(lit).find((c) => c.type === 'quoted_template_end');
  return open && close ? text.slice(open.endIndex, close.startIndex) : text.slice(t.startIndex, t.endIndex);
}

/** Unwraps `expression` wrappers. */
function inner(n: SyntaxNode): SyntaxNode {
  let cur = n;
  while ((cur.type === 'expression' || cur.type === 'template_expr') && named(cur).length === 1) cur = named(cur)[0];
  return cur;
}

class JsonWriter {
  out = '';
  readonly segments: Segment[] = [];
  readonly dynamic: Array<{ start: number; end: number }> = [];
  constructor(private readonly text: string) {}
  raw(s: string): void {
    this.out += s;
  }
  copy(start: number, end: number): void {
    this.segments.push({ vStart: this.out.length, vEnd: this.out.length + (end - start), tStart: start });
    this.out += this.text.slice(start, end);
  }
  /** A Terraform expression where a value stands: a string of its source, marked dynamic. */
  dynamicValue(n: SyntaxNode): void {
    const start = this.out.length;
    this.out += JSON.stringify(this.text.slice(n.startIndex, n.endIndex));
    this.segments.push({ vStart: start + 1, vEnd: start + 1, tStart: n.startIndex });
    this.dynamic.push({ start, end: this.out.length });
  }
}

/** HCL (inside jsonencode) to JSON: objects, tuples, literals; anything else is dynamic. */
function writeValue(w: JsonWriter, node: SyntaxNode, text: string): void {
  const n = inner(node);
  if (n.type === 'collection_value') return writeValue(w, named(n)[0], text);
  if (n.type === 'object') {
    w.raw('{');
    named(n)
      .filter((e) => e.type === 'object_elem')
      .forEach((elem, i) => {
        if (i) w.raw(', ');
        const [k, v] = named(elem);
        const key = k && inner(k);
        if (key?.type === 'variable_expr' && named(key).length === 1) {
          w.raw('"');
          w.copy(key.startIndex, key.endIndex);
          w.raw('"');
        } else if (key?.type === 'literal_value' && named(key)[0]?.type === 'string_lit') writeString(w, named(key)[0]);
        else if (key) w.dynamicValue(key);
        w.raw(': ');
        if (v) writeValue(w, v, text);
        else w.raw('null');
      });
    w.raw('}');
    return;
  }
  if (n.type === 'tuple') {
    w.raw('[');
    named(n)
      .filter((e) => e.type === 'expression')
      .forEach((e, i) => {
        if (i) w.raw(', ');
        writeValue(w, e, text);
      });
    w.raw(']');
    return;
  }
  if (n.type === 'literal_value') {
    const v = named(n)[0];
    if (v?.type === 'string_lit') return writeString(w, v);
    if (v && ['numeric_lit', 'bool_lit', 'null_lit'].includes(v.type)) return w.copy(v.startIndex, v.endIndex);
  }
  if (n.type === 'quoted_template') return writeString(w, n);
  w.dynamicValue(n);
}

/** A quoted string, quotes and all (HCL and JSON quote and escape the same way for what policies hold). */
function writeString(w: JsonWriter, lit: SyntaxNode): void {
  const close = kids(lit)[kids(lit).length - 1];
  const start = w.out.length;
  if (close?.type === 'quoted_template_end') w.copy(lit.startIndex, lit.endIndex);
  else {
    // An unterminated string while typing: closed in the JSON, so the rest still parses.
    w.copy(lit.startIndex, lit.endIndex);
    w.raw('"');
  }
  if (named(lit).some((c) => c.type === 'template_interpolation' || c.type === 'template_directive'))
    w.dynamic.push({ start, end: w.out.length });
}

function heredoc(n: SyntaxNode, text: string): Pick<EmbeddedPolicy, 'json' | 'map' | 'dynamic'> | undefined {
  const ids = named(n).filter((c) => c.type === 'heredoc_identifier');
  if (ids.length < 2) return undefined;
  const bodyStart = text.indexOf('\n', ids[0].endIndex) + 1;
  const bodyEnd = ids[ids.length - 1].startIndex;
  if (bodyStart <= 0 || bodyEnd < bodyStart) return undefined;
  const dynamic = named(n)
    .filter((c) => c.type === 'template_interpolation' || c.type === 'template_directive')
    .map((c) => ({ start: c.startIndex - bodyStart, end: c.endIndex - bodyStart }));
  return {
    json: text.slice(bodyStart, bodyEnd),
    map: new SourceMap([{ vStart: 0, vEnd: bodyEnd - bodyStart, tStart: bodyStart }]),
    dynamic,
  };
}

function policyOf(value: SyntaxNode, text: string): Pick<EmbeddedPolicy, 'json' | 'map' | 'dynamic' | 'form'> | undefined {
  const n = inner(value);
  if (n.type === 'heredoc_template') {
    const h = heredoc(n, text);
    return h && { ...h, form: 'heredoc' };
  }
  if (n.type === 'function_call') {
    const name = first(n, 'identifier');
    if (!name || text.slice(name.startIndex, name.endIndex) !== 'jsonencode') return undefined;
    const arg = first(n, 'function_arguments');
    const expr = arg && named(arg)[0];
    if (!expr) return undefined;
    const w = new JsonWriter(text);
    writeValue(w, expr, text);
    return { json: w.out, map: new SourceMap(w.segments), dynamic: w.dynamic, form: 'jsonencode' };
  }
  return undefined;
}

function tagMap(value: SyntaxNode, text: string): TagEntry[] | undefined {
  const n = inner(value);
  const obj = n.type === 'collection_value' ? named(n)[0] : undefined;
  if (obj?.type !== 'object') return undefined;
  return named(obj)
    .filter((e) => e.type === 'object_elem')
    .flatMap((elem) => {
      const [k, v] = named(elem);
      if (!k || !v) return [];
      const key = inner(k);
      const val = inner(v);
      const keyText =
        key.type === 'variable_expr' && named(key).length === 1
          ? text.slice(key.startIndex, key.endIndex)
          : plainString(key.type === 'literal_value' ? named(key)[0] : undefined, text);
      const valueText = plainString(val.type === 'literal_value' ? named(val)[0] : undefined, text);
      const strip = (x: SyntaxNode, s: string | undefined) =>
        s !== undefined && x.type === 'literal_value'
          ? { start: x.startIndex + 1, end: x.endIndex - 1 }
          : { start: x.startIndex, end: x.endIndex };
      const ks = strip(key, keyText);
      const vs = strip(val, valueText);
      return [
        {
          key: keyText ?? text.slice(key.startIndex, key.endIndex),
          value: valueText ?? text.slice(val.startIndex, val.endIndex),
          keyStart: ks.start,
          keyEnd: ks.end,
          valueStart: vs.start,
          valueEnd: vs.end,
          dynamicKey: keyText === undefined,
          dynamicValue: valueText === undefined,
        },
      ];
    });
}

/** What one top-level item holds; kept by the item's text, so an edit re-reads only the item it touches. */
interface BlockResult {
  policies: EmbeddedPolicy[];
  tagMaps: TagMap[];
  /** Where the item started when it was read (0: offsets are its own). */
  at: number;
}

export type BlockCache = Map<string, BlockResult>;

function shiftBlock(r: BlockResult, at: number): Pick<BlockResult, 'policies' | 'tagMaps'> {
  const d = at - r.at;
  if (d === 0) return r;
  return {
    policies: r.policies.map((p) => ({ ...p, map: p.map.shifted(d), start: p.start + d, end: p.end + d })),
    tagMaps: r.tagMaps.map((t) => ({
      ...t,
      start: t.start + d,
      end: t.end + d,
      entries: t.entries.map((e) => ({
        ...e,
        keyStart: e.keyStart + d,
        keyEnd: e.keyEnd + d,
        valueStart: e.valueStart + d,
        valueEnd: e.valueEnd + d,
      })),
    })),
  };
}

function readBlock(block: SyntaxNode, text: string): Pick<BlockResult, 'policies' | 'tagMaps'> {
  const policies: EmbeddedPolicy[] = [];
  const tagMaps: TagMap[] = [];
  const [kind, ...labels] = named(block);
  if (!kind || text.slice(kind.startIndex, kind.endIndex) !== 'resource') return { policies, tagMaps };
  const type = plainString(labels[0], text);
  const name = plainString(labels[1], text);
  if (!type || name === undefined) return { policies, tagMaps };
  const address = `${type}.${name}`;
  const kindOf = Object.hasOwn(POLICY_RESOURCES, type) ? POLICY_RESOURCES[type] : undefined;
  if (!isReadResource(type)) return { policies, tagMaps };
  const inside = first(block, 'body');
  const attributes = inside ? named(inside).filter((a) => a.type === 'attribute') : [];
  const attr = (id: string) =>
    attributes.find((a) => {
      const i = first(a, 'identifier');
      return i && text.slice(i.startIndex, i.endIndex) === id;
    });
  if (kindOf) {
    const a = attr(kindOf.attribute);
    const value = a && first(a, 'expression');
    const p = value && policyOf(value, text);
    if (p && value)
      policies.push({
        address,
        resourceType: type,
        attribute: kindOf.attribute,
        expectedVersion: kindOf.version,
        ...p,
        start: value.startIndex,
        end: value.endIndex,
      });
  }
  if (isImageResource(type)) {
    const a = attr('tags');
    const value = a && first(a, 'expression');
    const entries = value && tagMap(value, text);
    if (entries && value) tagMaps.push({ address, entries, start: value.startIndex, end: value.endIndex });
  }
  return { policies, tagMaps };
}

/** The policies and tag maps of one parsed text: a whole file, or one top-level item of it. */
export function extractTerraform(root: SyntaxNode, text: string): TerraformModel {
  const policies: EmbeddedPolicy[] = [];
  const tagMaps: TagMap[] = [];
  const body = first(root, 'body');
  for (const block of body ? named(body) : []) {
    if (block.type !== 'block') continue;
    const result = readBlock(block, text);
    policies.push(...result.policies);
    tagMaps.push(...result.tagMaps);
  }
  return { policies, tagMaps };
}

/** The parser as the host offers it: a syntax tree, or undefined while it is not loaded. */
export type ParseText = (text: string) => SyntaxNode | undefined;

/** Only an item that names one of the resource types read (as a quoted label) is parsed for them. */
function mayHold(item: string): boolean {
  for (const m of item.matchAll(/"(huaweicloud_\w+)"/g)) if (isReadResource(m[1])) return true;
  return false;
}
const NOTHING: BlockResult = { policies: [], tagMaps: [], at: 0 };

/**
 * The policies and tag maps of a Terraform file, read top-level item by item (`topLevelItems` of its
 * text): an item is parsed only if it may hold one, by the subset reader or else by `parse` (by `parse`
 * alone when `subset` is false). With `previous` (what was read of the last version, by item text) and
 * `next` (filled for the next), an item whose text did not change is not parsed again. Undefined when an
 * item needs the parser and it is not loaded yet.
 */
export function readTerraform(
  items: readonly TopLevelItem[],
  parse: ParseText,
  previous?: BlockCache,
  next?: BlockCache,
  subset = true,
): TerraformModel | undefined {
  const policies: EmbeddedPolicy[] = [];
  const tagMaps: TagMap[] = [];
  for (const { start: at, text: item } of items) {
    let read = previous?.get(item) ?? next?.get(item);
    if (!read) {
      if (!mayHold(item)) read = NOTHING;
      else {
        // Most items are in the subset of HCL read without the parser (hclSubset.ts), far faster.
        const root = (subset ? readHclSubset(item) : undefined) ?? parse(item);
        if (!root) return undefined;
        // Kept where it was read: the next version finds most items where they were, and copies none.
        read = { ...shiftBlock({ ...extractTerraform(root, item), at: 0 }, at), at };
      }
    }
    if (next && !next.has(item)) next.set(item, read);
    if (read.policies.length === 0 && read.tagMaps.length === 0) continue;
    const result = shiftBlock(read, at);
    policies.push(...result.policies);
    tagMaps.push(...result.tagMaps);
  }
  return { policies, tagMaps };
}
