/**
 * The HCL parser: tree-sitter's HCL grammar (its Terraform flavour) running in web-tree-sitter (WASM, no
 * native build). Both .wasm files sit beside the bundles in dist/ (scripts/build.mjs copies them); the
 * host says where (a path in Node, a URL in the browser). Loading
 * is asynchronous and happens once, at start-up; until it is done, Terraform documents get nothing (and
 * are checked again once it is). A new version of a document is parsed incrementally from the last tree
 * (the edit is found by comparing the texts), which is what keeps a 1 MB file fast to re-check.
 */
import type * as TreeSitter from 'web-tree-sitter';
import type { Parser, Tree } from 'web-tree-sitter';
import type { SyntaxNode } from '../../core/terraform/syntax';

/** Past this size a .tf file is not parsed (the server's bound for policy files too). */
export const MAX_TF_CHARS = 5 * 1024 * 1024;

/** web-tree-sitter itself, as the host loads it (bundled in Node; a script of its own in a web worker). */
export type TreeSitterModule = typeof TreeSitter;

let loading: Promise<Parser> | undefined;
let parser: Parser | undefined;
let ts: TreeSitterModule | undefined;

/** Loads once; `locate` says where each .wasm file is (a path in Node, a URL in a browser). */
export function loadHclParser(locate: (file: string) => string, load: () => Promise<TreeSitterModule>): Promise<Parser> {
  loading ??= (async () => {
    const module = await load();
    await module.Parser.init({ locateFile: (file: string) => locate(file) });
    const language = await module.Language.load(locate('tree-sitter-terraform.wasm'));
    const p = new module.Parser();
    ts = module;
    p.setLanguage(language);
    parser = p;
    return p;
  })();
  return loading;
}

export interface HclTree {
  root: SyntaxNode;
  text: string;
  /** The WASM tree: freed when the next version is parsed from it, or by `free`. */
  tree: Tree;
  free(): void;
}

/** Row and column (UTF-16 code units) of an offset. */
function point(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The one edit that turns `before` into `after`: their common prefix and suffix left out. */
export function editBetween(before: string, after: string): TreeSitter.Edit {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return new ts!.Edit({
    startIndex: start,
    oldEndIndex: before.length - tail,
    newEndIndex: after.length - tail,
    startPosition: point(before, start),
    oldEndPosition: point(before, before.length - tail),
    newEndPosition: point(after, after.length - tail),
  });
}

/**
 * The syntax tree of a Terraform text, once the parser is loaded; undefined before (or when too large).
 * `previous` (the last version's tree) is consumed: it is edited, reused and freed.
 */
export function parseHcl(text: string, previous?: HclTree): HclTree | undefined {
  if (!parser || text.length > MAX_TF_CHARS) {
    previous?.tree.delete();
    return undefined;
  }
  let old: Tree | undefined;
  if (previous) {
    previous.tree.edit(editBetween(previous.text, text));
    old = previous.tree;
  }
  const tree = parser.parse(text, old ?? null);
  old?.delete();
  return tree ? { root: tree.rootNode, text, tree, free: () => tree.delete() } : undefined;
}
