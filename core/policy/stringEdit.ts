/**
 * Typing inside a string (an action name, a resource) is most of what happens to a large policy. Such an
 * edit changes one string's value and shifts the offsets after it; it cannot change the structure. So
 * the previous version's tree is patched in place instead of parsed again: on a 1 MB policy a new parse
 * allocates about 15 MiB of nodes that outlive the young generation, and a burst of keystrokes piles
 * them up in the old one, which is what set the server's peak memory. Anything else is parsed afresh.
 */
import type { Node, ParseError } from 'jsonc-parser';
import { readPolicyModel, type ParsedJson, type PolicyModel } from './policyDocument';

/** jsonc-parser's nodes are read-only to its users; this module alone changes them, in place. */
type WritableNode = { -readonly [K in keyof Node]: Node[K] };

/** The one change that turns `before` into `after`: [start, end) of `before` replaced by [start, insertedEnd) of `after`. */
export function changedSpan(before: string, after: string): { start: number; end: number; insertedEnd: number } {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  // Stryker disable next-line EqualityOperator,ConditionalExpression: past the shorter text charCodeAt is NaN, equal to nothing (bench/mutation/survivors.md)
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let common = 0;
  while (
    common < shorter - start &&
    before.charCodeAt(before.length - 1 - common) === after.charCodeAt(after.length - 1 - common)
  )
    common++;
  return { start, end: before.length - common, insertedEnd: after.length - common };
}

/**
 * The string node whose content (between its quotes) holds [start, end), found by offset, level by level.
 * A child that ends before `end` is not refused on the way down: everything under it ends before `end`
 * too, so the string test at the bottom refuses it.
 */
function stringAround(root: Node, start: number, end: number): Node | undefined {
  let node: Node | undefined = root;
  while (node) {
    if (node.type === 'string') return node.offset < start && end < node.offset + node.length ? node : undefined;
    const children: Node[] | undefined = node.children;
    if (!children) return undefined;
    // Children are in document order: the last one starting before the change is the only candidate.
    let lo = 0;
    let hi = children.length - 1;
    // A child found wrongly starts at or after start, and the string test refuses all under it.
    // Stryker disable next-line UnaryOperator: as the comment above says (bench/mutation/survivors.md)
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      // Stryker disable next-line EqualityOperator: a child that starts at start holds no string that starts before it (bench/mutation/survivors.md)
      if (children[mid].offset < start) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // Stryker disable next-line ConditionalExpression: children[-1] is undefined too; written out for the reader (bench/mutation/survivors.md)
    node = found < 0 ? undefined : children[found];
  }
  return undefined;
}

/** Characters a string's raw content may hold for its value to be that content as it is. */
function isPlainContent(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // Stryker disable next-line EqualityOperator: a space refused only sends the edit to a fresh parse, which gives the same (bench/mutation/survivors.md)
    if (c === 34 || c === 92 || c < 32) return false;
  }
  return true;
}

/**
 * `previous` (the parse of `before`) made into the parse of `after` when the change lies inside one
 * string and leaves it plain (no quote, backslash or control character); undefined otherwise. The
 * previous tree is changed in place and must not be used again.
 */
export function patchStringEdit(previous: ParsedJson, before: string, after: string): ParsedJson | undefined {
  const root = previous.tree;
  // Early exits: no string holds an empty change or a missing tree.
  // Stryker disable next-line ConditionalExpression,LogicalOperator: as the comment above says (bench/mutation/survivors.md)
  if (!root || before === after) return undefined;
  const { start, end, insertedEnd } = changedSpan(before, after);
  const target = stringAround(root, start, end);
  if (!target) return undefined;
  const delta = insertedEnd - end;
  const closing = target.offset + target.length - 1;
  // A terminated string whose new content is plain (no quote, backslash or control character) still ends
  // at its old closing quote, and its value is that content character for character, whatever escapes
  // the old content had.
  // An unterminated string also has its error, refused below; kept so the patch does not rest on the parser's
  // error list alone.
  // Stryker disable next-line ConditionalExpression,LogicalOperator: as the comment above says (bench/mutation/survivors.md)
  if (target.length < 2 || before.charCodeAt(closing) !== 34) return undefined;
  // A syntax error reported on the string itself (a string where a colon belongs) may change with it.
  // An error touching the string without overlapping it counts too: conservative, a patch there equals a fresh
  // parse.
  // Stryker disable next-line EqualityOperator: as the comment above says (bench/mutation/survivors.md)
  for (const e of previous.errors) if (e.offset <= closing && e.offset + e.length >= target.offset) return undefined;
  const contentEnd = closing + delta;
  if (!isPlainContent(after, target.offset + 1, contentEnd)) return undefined;
  const value = after.slice(target.offset + 1, contentEnd);
  (target as WritableNode).value = value;
  // Stryker disable next-line ConditionalExpression: shifting by 0 changes nothing (bench/mutation/survivors.md)
  if (delta !== 0) shiftAfter(root, start, end, delta, previous.errors);
  return { tree: root, errors: previous.errors, policy: updatedModel(previous.policy, root, target, value) };
}

/**
 * The policy model after `target` took `value`. An item of a list (an action, a resource) changes only
 * its own entry, updated in place, so the model of a large policy is not built again per keystroke; a
 * key or a single value (Version, Effect, "Resource": "*") may change what the model is: read afresh.
 */
function updatedModel(model: PolicyModel | undefined, root: Node, target: Node, value: string): PolicyModel | undefined {
  // Stryker disable next-line OptionalChaining: only a root string has no parent, and a document that is a string has no model (bench/mutation/survivors.md)
  if (!model || target.parent?.type !== 'array') return readPolicyModel(root);
  for (const st of model.statements) {
    for (const list of [st.actions, st.resources]) {
      for (const entry of list) if (entry.node === target) entry.value = value;
    }
  }
  return model;
}

/**
 * Offsets at or after `end` move by `delta`; the nodes around the change grow by it. No allocation per node.
 * The change lies inside a string's content, where no node, colon or error starts or ends: `>=` and `>`
 * agree there, so those comparisons are not mutated (bench/mutation/survivors.md).
 */
function shiftAfter(root: Node, start: number, end: number, delta: number, errors: ParseError[]): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as WritableNode;
    // Stryker disable EqualityOperator: see above
    if (node.offset >= end) node.offset += delta;
    else if (node.offset + node.length > start) node.length += delta;
    // Stryker restore EqualityOperator
    // Stryker disable next-line EqualityOperator,ConditionalExpression: see above; and `undefined >= end` is false, so the first test is for the reader
    if (node.colonOffset !== undefined && node.colonOffset >= end) node.colonOffset += delta;
    if (node.children) for (let i = 0; i < node.children.length; i++) stack.push(node.children[i]);
  }
  // Stryker disable next-line EqualityOperator: see above
  for (const e of errors) if (e.offset >= end) e.offset += delta;
}
