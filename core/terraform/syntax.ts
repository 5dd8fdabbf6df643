/**
 * The part of a tree-sitter syntax node that the Terraform extraction reads. web-tree-sitter's nodes
 * have it (the server parses with the tree-sitter HCL grammar); keeping core to this shape keeps it free
 * of the parser, so tests and other hosts can hand it any tree of the same form. Offsets are UTF-16
 * code units, as in the document.
 */
export interface SyntaxNode {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly isNamed: boolean;
  readonly children: ReadonlyArray<SyntaxNode | null>;
  readonly namedChildren: ReadonlyArray<SyntaxNode | null>;
}

// The lists as they are when nothing is left out (a tree of plain nodes mostly): no copy per call, as
// the extraction asks for a node's children several times.
export const kids = (n: SyntaxNode): readonly SyntaxNode[] =>
  n.children.includes(null) ? n.children.filter((c): c is SyntaxNode => c !== null) : (n.children as readonly SyntaxNode[]);
export const named = (n: SyntaxNode): readonly SyntaxNode[] =>
  n.namedChildren.some((c) => c === null || c.type === 'comment')
    ? n.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment')
    : (n.namedChildren as readonly SyntaxNode[]);
export const first = (n: SyntaxNode, type: string): SyntaxNode | undefined => named(n).find((c) => c.type === type);
