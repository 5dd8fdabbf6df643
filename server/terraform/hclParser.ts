/**
 * The HCL parser: tree-sitter's HCL grammar (its Terraform flavour) running in web-tree-sitter (WASM, no
 * native build). Both .wasm files sit beside the bundles in dist/ (scripts/build.mjs copies them); the
 * host says where (a path in Node, a URL in the browser). Loading is asynchronous and happens once, when
 * Terraform is first met; until it is done, Terraform documents get nothing (and are checked again once
 * it is). Documents are parsed a top-level item at a time (core/terraform/extract.ts readTerraform), and
 * an edit re-parses only the item it touches.
 */
import type * as TreeSitter from 'web-tree-sitter';
import type { Parser, Tree } from 'web-tree-sitter';
import type { SyntaxNode } from '../../core/terraform/syntax';

/** web-tree-sitter itself, as the host loads it (bundled in Node; a script of its own in a web worker). */
export type TreeSitterModule = typeof TreeSitter;

let loading: Promise<Parser> | undefined;
let parser: Parser | undefined;

/** Loads once; `locate` says where each .wasm file is (a path in Node, a URL in a browser). */
export function loadHclParser(locate: (file: string) => string, load: () => Promise<TreeSitterModule>): Promise<Parser> {
  loading ??= (async () => {
    const module = await load();
    await module.Parser.init({ locateFile: (file: string) => locate(file) });
    const language = await module.Language.load(locate('tree-sitter-terraform.wasm'));
    const p = new module.Parser();
    p.setLanguage(language);
    parser = p;
    return p;
  })();
  return loading;
}

/**
 * The syntax tree of a text (a top-level item of a .tf file: core/terraform/topLevel.ts), once the parser
 * is loaded; undefined before. The tree is copied into plain objects in one walk of a cursor and the
 * parser's tree freed at once: reading web-tree-sitter's nodes crosses into WebAssembly and allocates a
 * node object at every step (`namedChildren`, `type`), which cost more than the parse itself on a 1 MB
 * file, and no WebAssembly tree outlives the parse.
 */
export function parseHcl(text: string): SyntaxNode | undefined {
  const tree = parser?.parse(text);
  if (!tree) return undefined;
  try {
    return copyTree(tree);
  } finally {
    tree.delete();
  }
}

interface PlainNode extends SyntaxNode {
  readonly children: PlainNode[];
  readonly namedChildren: PlainNode[];
}

function copyTree(tree: Tree): PlainNode {
  const cursor = tree.walk();
  try {
    const here = (): PlainNode => ({
      type: cursor.nodeType,
      startIndex: cursor.startIndex,
      endIndex: cursor.endIndex,
      isNamed: cursor.nodeIsNamed,
      children: [],
      namedChildren: [],
    });
    const adopt = (parent: PlainNode, child: PlainNode) => {
      parent.children.push(child);
      if (child.isNamed) parent.namedChildren.push(child);
    };
    const root = here();
    // The path from the root to the cursor's node, which is last.
    const path = [root];
    for (;;) {
      if (cursor.gotoFirstChild()) {
        const child = here();
        adopt(path[path.length - 1], child);
        path.push(child);
        continue;
      }
      for (;;) {
        path.pop();
        if (path.length === 0) return root;
        if (cursor.gotoNextSibling()) {
          const sibling = here();
          adopt(path[path.length - 1], sibling);
          path.push(sibling);
          break;
        }
        cursor.gotoParent();
      }
    }
  } finally {
    cursor.delete();
  }
}
