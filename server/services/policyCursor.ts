/**
 * What the cursor is on in a policy document, decided from the JSON path of the node under it (never
 * from a line regex), as vscode-json-languageservice does.
 */
import { getNodePath, type JSONPath, type Node } from 'jsonc-parser';
import type { PolicyModel } from '../../core/policy/policyDocument';

export type CursorKind =
  | 'action' // inside Action / NotAction values
  | 'statementKey' // a property name of a statement
  | 'effect' // the value of Effect
  | 'version' // the value of Version
  | 'conditionOperator' // a property name directly under Condition
  | 'conditionKey' // a property name under an operator
  | 'resource'; // inside Resource / NotResource values

export interface PolicyCursor {
  kind: CursorKind;
  /** The string node under the cursor, if the cursor is inside one. */
  stringNode?: Node;
  /** The object, array or property node that holds the spot. */
  container: Node;
  /** The statement index, for everything inside a statement. */
  statementIndex?: number;
  /** For conditionKey: the operator name. */
  operator?: string;
  /** For property-name spots: true when the property already has a colon and value. */
  hasValue?: boolean;
}

/** Path relative to the policy object (strips `role.policy` of the IAM API wrapper). */
function relativePath(model: PolicyModel, node: Node): JSONPath | undefined {
  const path = getNodePath(node);
  const prefix = getNodePath(model.policyNode);
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return undefined;
  return path.slice(prefix.length);
}

function isKeyString(node: Node): boolean {
  return node.type === 'string' && node.parent?.type === 'property' && node.parent.children?.[0] === node;
}

/** Inside a node, with the end counted in only where the string is still open. */
function inside(node: Node, offset: number): boolean {
  return offset > node.offset && offset < node.offset + node.length;
}

/**
 * The innermost node at an offset (jsonc-parser's findNodeAtOffset, with the end included), finding the
 * child by binary search: children are sorted by offset, and an Action array may hold thousands.
 */
export function nodeAt(root: Node, offset: number): Node | undefined {
  const within = (n: Node) => offset >= n.offset && offset <= n.offset + n.length;
  if (!within(root)) return undefined;
  let node = root;
  for (;;) {
    const children = node.children;
    if (!children || children.length === 0) return node;
    let lo = 0;
    let hi = children.length - 1;
    let found: Node | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = children[mid];
      if (offset < c.offset) hi = mid - 1;
      else if (offset > c.offset + c.length) lo = mid + 1;
      else {
        // Touching the end of one child and the start of the next: the earlier one, as jsonc-parser does.
        found = c;
        hi = mid - 1;
      }
    }
    if (!found) return node;
    node = found;
  }
}

export function cursorAt(model: PolicyModel, text: string, offset: number): PolicyCursor | undefined {
  let node = nodeAt(model.tree, offset);
  if (!node) return undefined;
  let stringNode: Node | undefined;
  if (node.type === 'string') {
    const closed = node.length >= 2 && isClosedString(text, node);
    if (inside(node, offset) || (!closed && offset === node.offset + node.length)) stringNode = node;
    else node = node.parent ?? node; // just outside the quotes: treat as the container's spot
  }
  // Property-name spots.
  if (stringNode && isKeyString(stringNode)) {
    const property = stringNode.parent!;
    const object = property.parent!;
    return keySpot(model, object, { stringNode, hasValue: (property.children?.length ?? 0) > 1 });
  }
  if (!stringNode && node.type === 'object') return keySpot(model, node, {});
  if (!stringNode && node.type === 'property') {
    const colon = node.colonOffset ?? -1;
    if (colon < 0 || offset <= colon) return keySpot(model, node.parent!, {});
  }
  // Value spots: the node under the cursor (a string), an array between items, or a property after ':'.
  const holder = stringNode ?? node;
  const path = relativePath(model, holder);
  if (!path) return undefined;
  const isValueOfProperty = holder.type === 'property' || holder.parent?.type === 'property';
  const tail = holder.type === 'property' ? [...path] : path;
  if (holder.type === 'property') tail.push(holder.children?.[0]?.value as string);
  const at = (i: number) => tail[tail.length - i];
  if (tail[0] === 'Version' && tail.length === 1) return { kind: 'version', stringNode, container: holder };
  if (tail[0] !== 'Statement' || typeof tail[1] !== 'number') return undefined;
  const statementIndex = tail[1];
  const field = tail[2];
  if (field === 'Action' || field === 'NotAction' || field === 'Resource' || field === 'NotResource') {
    const inArray = (tail.length === 4 && typeof at(1) === 'number') || (tail.length === 3 && holder.type === 'array');
    const bare = tail.length === 3 && isValueOfProperty && holder.type !== 'array';
    if (inArray || bare) {
      const kind = field.endsWith('Action') ? 'action' : 'resource';
      return { kind, stringNode, container: holder, statementIndex };
    }
  }
  if (field === 'Effect' && tail.length === 3) return { kind: 'effect', stringNode, container: holder, statementIndex };
  return undefined;
}

function keySpot(model: PolicyModel, object: Node, extra: { stringNode?: Node; hasValue?: boolean }): PolicyCursor | undefined {
  const path = relativePath(model, object);
  if (!path || path[0] !== 'Statement' || typeof path[1] !== 'number') return undefined;
  const statementIndex = path[1];
  if (path.length === 2) return { kind: 'statementKey', container: object, statementIndex, ...extra };
  if (path[2] === 'Condition' && path.length === 3)
    return { kind: 'conditionOperator', container: object, statementIndex, ...extra };
  if (path[2] === 'Condition' && path.length === 4) {
    return { kind: 'conditionKey', container: object, statementIndex, operator: String(path[3]), ...extra };
  }
  return undefined;
}

/** jsonc-parser ends an unterminated string at the line break; a closed one ends with an unescaped quote. */
export function isClosedString(text: string, node: Node): boolean {
  const end = node.offset + node.length - 1;
  if (node.length < 2 || text[end] !== '"') return false;
  let backslashes = 0;
  for (let i = end - 1; i > node.offset && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}
