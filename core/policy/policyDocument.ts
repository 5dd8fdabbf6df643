/**
 * A policy document read from a jsonc-parser tree, keeping the nodes so every finding has an exact
 * range. Recognition is by content (docs/architecture.md): a top-level object with `Statement`, or the
 * IAM API wrapper `{"role": {"policy": {...}}}`. Anything else is not ours.
 */
import type { Node, ParseError } from 'jsonc-parser';
import { parseJsonTree } from '../util/nesting';

export interface StringEntry {
  value: string;
  node: Node;
}

export interface PolicyStatement {
  index: number;
  node: Node;
  effect?: string;
  effectNode?: Node;
  /** Which of Action / NotAction the statement uses (Action when both are present). */
  actionKey?: 'Action' | 'NotAction';
  actionsNode?: Node;
  actions: StringEntry[];
  hasAction: boolean;
  hasNotAction: boolean;
  resourceKey?: 'Resource' | 'NotResource';
  resources: StringEntry[];
  conditionNode?: Node;
}

/**
 * What a document with `Statement` is: an IAM identity policy (roles 1.0, policies 1.1, identity policies
 * 5.0), a 5.0 resource-based policy (trust or VPC endpoint policies: statements name a `Principal`), or a
 * document of another grammar (OBS bucket policies: no or a dated Version, a Principal), left alone.
 */
export type PolicyKind = 'identity' | 'resource' | 'foreign';

export interface PolicyModel {
  kind: PolicyKind;
  tree: Node;
  /** The object holding Version and Statement (the root, or role.policy). */
  policyNode: Node;
  wrapped: boolean;
  version?: string;
  versionNode?: Node;
  statementsNode?: Node;
  statements: PolicyStatement[];
}

export interface ParsedJson {
  tree: Node | undefined;
  errors: ParseError[];
  policy: PolicyModel | undefined;
}

/**
 * Deeper than any real policy. jsonc-parser and the tree walks after it recurse per level, so deeper
 * documents (junk, or a generated attack) are treated as unparseable instead of overflowing the stack.
 */
export const MAX_JSON_DEPTH = 256;

export function parseJson(text: string): ParsedJson {
  const errors: ParseError[] = [];
  const options = { allowTrailingComma: true, disallowComments: false };
  // The scan counts brackets; the tree walks after the parse count nodes (a property is one too), so the
  // policy limit is in their unit. A level of brackets is at most two of nodes (an object's property, then
  // its value): within half the limit, one scan says the text is fine; deeper (junk, mostly), the tree's
  // nodes are counted.
  const shallow = parseJsonTree(text, errors, options, MAX_JSON_DEPTH / 2 - 1);
  let tree = shallow.tree;
  if (shallow.tooDeep !== undefined) {
    errors.length = 0;
    ({ tree } = parseJsonTree(text, errors, options, MAX_JSON_DEPTH));
    if (tree && depthOf(tree) > MAX_JSON_DEPTH) return { tree: undefined, errors, policy: undefined };
  }
  return { tree, errors, policy: readPolicyModel(tree) };
}

/** The policy a tree holds, if it is one of IAM's grammars. */
export function readPolicyModel(tree: Node | undefined): PolicyModel | undefined {
  const policy = readPolicy(tree);
  // Another grammar (an OBS bucket policy): nothing of ours applies, so no feature touches it.
  return policy?.kind === 'foreign' ? undefined : policy;
}

/** The nesting depth, walked without recursion and without a tuple per node. */
function depthOf(root: Node): number {
  let max = 0;
  const nodes: Node[] = [root];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > max) max = depth;
    if (node.children) {
      for (const c of node.children) {
        nodes.push(c);
        depths.push(depth + 1);
      }
    }
  }
  return max;
}

/** The value node of `key` in an object node (the last one when a key repeats, as JSON.parse does). */
export function propertyValue(obj: Node | undefined, key: string): Node | undefined {
  return propertyNode(obj, key)?.children?.[1];
}

export function propertyNode(obj: Node | undefined, key: string): Node | undefined {
  if (obj?.type !== 'object' || !obj.children) return undefined;
  let found: Node | undefined;
  for (const p of obj.children) if (p.children?.[0]?.value === key) found = p;
  return found;
}

function strings(array: Node | undefined): StringEntry[] {
  if (!array) return [];
  if (array.type === 'string') return [{ value: array.value as string, node: array }];
  if (array.type !== 'array' || !array.children) return [];
  const out: StringEntry[] = [];
  for (const item of array.children) if (item.type === 'string') out.push({ value: item.value as string, node: item });
  return out;
}

export function isPolicyTree(tree: Node | undefined): boolean {
  return readPolicyNode(tree) !== undefined;
}

function readPolicyNode(tree: Node | undefined): { node: Node; wrapped: boolean } | undefined {
  if (tree?.type !== 'object') return undefined;
  if (propertyNode(tree, 'Statement')) return { node: tree, wrapped: false };
  const policy = propertyValue(propertyValue(tree, 'role'), 'policy');
  if (policy?.type === 'object') return { node: policy, wrapped: true };
  return undefined;
}

export function readPolicy(tree: Node | undefined): PolicyModel | undefined {
  const found = readPolicyNode(tree);
  if (!found || !tree) return undefined;
  const { node: policyNode, wrapped } = found;
  const versionNode = propertyValue(policyNode, 'Version');
  const statementsNode = propertyValue(policyNode, 'Statement');
  const statements: PolicyStatement[] = [];
  const items = statementsNode?.type === 'array' ? (statementsNode.children ?? []) : [];
  items.forEach((node, index) => {
    if (node.type !== 'object') return;
    const effectNode = propertyValue(node, 'Effect');
    const action = propertyValue(node, 'Action');
    const notAction = propertyValue(node, 'NotAction');
    const resource = propertyValue(node, 'Resource');
    const notResource = propertyValue(node, 'NotResource');
    const actionKey = action ? 'Action' : notAction ? 'NotAction' : undefined;
    statements.push({
      index,
      node,
      effect: effectNode?.type === 'string' ? (effectNode.value as string) : undefined,
      effectNode,
      actionKey,
      actionsNode: action ?? notAction,
      actions: strings(action ?? notAction),
      hasAction: action !== undefined,
      hasNotAction: notAction !== undefined,
      resourceKey: resource ? 'Resource' : notResource ? 'NotResource' : undefined,
      resources: strings(resource ?? notResource),
      conditionNode: propertyValue(node, 'Condition'),
    });
  });
  const version = versionNode?.type === 'string' ? (versionNode.value as string) : undefined;
  return {
    kind: policyKind(version, versionNode !== undefined, statements),
    tree,
    policyNode,
    wrapped,
    version,
    versionNode,
    statementsNode,
    statements,
  };
}

/** A version that is a date (`2008-10-17`) belongs to the S3-style grammar of OBS bucket policies. */
const DATED_VERSION = /^\d{4}-\d{2}-\d{2}$/;

function policyKind(version: string | undefined, hasVersion: boolean, statements: PolicyStatement[]): PolicyKind {
  const principal = statements.some((s) => propertyNode(s.node, 'Principal') || propertyNode(s.node, 'NotPrincipal'));
  // IAM's own grammars have Principal only in 5.0 resource-based policies.
  if ((hasVersion && version !== undefined && DATED_VERSION.test(version)) || (principal && version !== '5.0')) return 'foreign';
  return principal ? 'resource' : 'identity';
}

/** A statement whose Condition has at least one entry only "may" apply. */
export function isConditional(st: PolicyStatement): boolean {
  return st.conditionNode?.type === 'object' && (st.conditionNode.children?.length ?? 0) > 0;
}
