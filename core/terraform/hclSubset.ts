/**
 * A reader of the HCL that policies and image tags are written in: blocks with labels, attributes,
 * strings (with `${…}` interpolations), heredocs, numbers, true/false/null, references (`var.x.y`),
 * function calls (`jsonencode(…)`), objects and tuples. It builds the tree tree-sitter's HCL grammar
 * builds for the same text, node for node (named nodes, the inside of an interpolation left out), so
 * extract.ts reads either; anything else (operators, conditionals, `for`, splats, indexes, `%{…}`
 * directives, parentheses, half-typed text) gives undefined, and the item goes to tree-sitter.
 *
 * Why: tree-sitter's HCL parser runs at about 2.4 MB/s in WebAssembly, so a 1 MB .tf file took 430 ms
 * to parse before anything was read out of it; this reader takes a few percent of that, and needs no
 * parser to be loaded. test/unit/terraformHclSubset.test.ts holds it to tree-sitter's trees.
 */
import type { SyntaxNode } from './syntax';
import { heredocClosing, heredocOpening } from './topLevel';

/** Every node is named (the subset leaves the anonymous ones out); four fields each, as there are many. */
class Node implements SyntaxNode {
  constructor(
    readonly type: string,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly children: readonly Node[],
  ) {}
  get isNamed(): boolean {
    return true;
  }
  get namedChildren(): readonly Node[] {
    return this.children;
  }
}

const LEAF: readonly Node[] = Object.freeze([]);
const node = (type: string, startIndex: number, endIndex: number, children: readonly Node[] = LEAF): Node =>
  new Node(type, startIndex, endIndex, children);

const ENDS_EXPRESSION = ',)]}\n\r';

/** Space, tab, CR, LF: the whitespace tree-sitter leaves out of a template literal's ends. */
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Not in the subset: the caller parses the text with tree-sitter instead. */
class Outside extends Error {}

// Character tests rather than regular expressions: this runs for every character of a 1 MB file.
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number) => isLetter(c) || (c >= 48 && c <= 57) || c === 45;
const NUMBER = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
/** The escapes of a quoted string (HCL native syntax, "Template Literals"); any other is an error. */
const ESCAPE = /[nrt"\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}/y;

/** The tree of `text` (a top-level item of a .tf file), or undefined if it is not all in the subset. */
export function readHclSubset(text: string): SyntaxNode | undefined {
  try {
    return new Reader(text).file();
  } catch (e) {
    if (e instanceof Outside) return undefined;
    throw e;
  }
}

class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  file(): Node {
    const items = this.items(undefined);
    if (this.at < this.text.length) throw new Outside();
    const body = items.length ? [node('body', items[0].startIndex, items[items.length - 1].endIndex, items)] : [];
    return node('config_file', 0, this.text.length, body);
  }

  /** Attributes and blocks up to `close` (a block's `}`) or the end of the text. */
  private items(close: '}' | undefined): Node[] {
    const out: Node[] = [];
    for (;;) {
      this.space(true);
      if (this.at >= this.text.length || (close && this.text[this.at] === close)) return out;
      const name = this.identifier();
      this.space(false);
      const c = this.text[this.at];
      if (c === '=' && this.text[this.at + 1] !== '=') {
        this.at++;
        this.space(false);
        const value = this.expression();
        out.push(node('attribute', name.startIndex, value.endIndex, [name, value]));
      } else out.push(this.block(name));
      // An item ends its line (or the block, on one line).
      this.space(false);
      const next = this.text[this.at];
      if (next !== undefined && next !== '\n' && next !== '\r' && next !== close) throw new Outside();
    }
  }

  private block(kind: Node): Node {
    const parts = [kind];
    while (this.text[this.at] !== '{') {
      if (this.text[this.at] === '"') {
        const label = this.quoted();
        if (label.type !== 'string_lit') throw new Outside();
        parts.push(label);
      } else parts.push(this.identifier());
      this.space(false);
    }
    const open = this.at++;
    parts.push(node('block_start', open, open + 1));
    const items = this.items('}');
    if (this.text[this.at] !== '}') throw new Outside();
    if (items.length) parts.push(node('body', items[0].startIndex, items[items.length - 1].endIndex, items));
    parts.push(node('block_end', this.at, this.at + 1));
    this.at++;
    return node('block', kind.startIndex, this.at, parts);
  }

  private identifier(): Node {
    const start = this.at;
    if (!isLetter(this.text.charCodeAt(start))) throw new Outside();
    let end = start + 1;
    while (isIdentPart(this.text.charCodeAt(end))) end++;
    this.at = end;
    return node('identifier', start, this.at);
  }

  /** An expression, which `after` may follow (and a newline, a comma or a closing bracket). */
  private expression(after = ''): Node {
    const start = this.at;
    const c = this.text[start];
    let inner: Node[];
    if (c === '"') {
      const q = this.quoted();
      inner = [
        q.type === 'string_lit'
          ? node('literal_value', q.startIndex, q.endIndex, [q])
          : node('template_expr', q.startIndex, q.endIndex, [q]),
      ];
    } else if (c === '<' && this.text[start + 1] === '<') {
      const h = this.heredoc();
      inner = [node('template_expr', h.startIndex, h.endIndex, [h])];
    } else if (c === '{' || c === '[') {
      const col = c === '{' ? this.object() : this.tuple();
      inner = [node('collection_value', col.startIndex, col.endIndex, [col])];
    } else if (c !== undefined && c >= '0' && c <= '9') {
      NUMBER.lastIndex = start;
      NUMBER.exec(this.text);
      this.at = NUMBER.lastIndex;
      inner = [node('literal_value', start, this.at, [node('numeric_lit', start, this.at)])];
    } else {
      const name = this.identifier();
      const word = this.at - start <= 5 ? this.text.slice(start, this.at) : '';
      if (word === 'true' || word === 'false' || word === 'null') {
        const lit = node(word === 'null' ? 'null_lit' : 'bool_lit', start, this.at);
        inner = [node('literal_value', start, this.at, [lit])];
      } else if (word === 'for' || word === 'if') throw new Outside();
      else if (this.text[this.at] === '(') inner = [this.call(name)];
      else {
        inner = [node('variable_expr', start, this.at, [name])];
        while (this.text[this.at] === '.') {
          const dot = this.at++;
          const attr = this.identifier();
          inner.push(node('get_attr', dot, attr.endIndex, [attr]));
        }
      }
    }
    // An operator, a conditional, an index or a splat after it: an expression the subset does not hold.
    this.space(false);
    const next = this.text[this.at];
    if (next !== undefined && !ENDS_EXPRESSION.includes(next) && !after.includes(next)) throw new Outside();
    return node('expression', start, inner[inner.length - 1].endIndex, inner);
  }

  private call(name: Node): Node {
    this.at++; // (
    const args = this.list(')');
    const close = this.at++;
    const parts = [name];
    if (args.length) parts.push(node('function_arguments', args[0].startIndex, args[args.length - 1].endIndex, args));
    return node('function_call', name.startIndex, close + 1, parts);
  }

  /** Expressions separated by commas (a trailing one allowed), up to `close`, which is left next. */
  private list(close: ')' | ']'): Node[] {
    const out: Node[] = [];
    for (;;) {
      this.space(true);
      if (this.text[this.at] === close) return out;
      if (this.text.startsWith('...', this.at)) throw new Outside();
      out.push(this.expression());
      this.space(true);
      if (this.text[this.at] === ',') this.at++;
      else if (this.text[this.at] !== close) throw new Outside();
    }
  }

  private tuple(): Node {
    const start = this.at++;
    const elements = this.list(']');
    const end = this.at++;
    return node('tuple', start, end + 1, [node('tuple_start', start, start + 1), ...elements, node('tuple_end', end, end + 1)]);
  }

  private object(): Node {
    const start = this.at++;
    const parts = [node('object_start', start, start + 1)];
    for (;;) {
      this.space(true);
      if (this.text[this.at] === '}') break;
      if (this.text[this.at] === '(') throw new Outside();
      const key = this.expression('=:');
      this.space(false);
      if ((this.text[this.at] !== '=' && this.text[this.at] !== ':') || this.text[this.at + 1] === '=') throw new Outside();
      this.at++;
      this.space(false);
      const value = this.expression();
      parts.push(node('object_elem', key.startIndex, value.endIndex, [key, value]));
      this.space(false);
      if (this.text[this.at] === ',') this.at++;
      else if (this.text[this.at] !== '}' && this.text[this.at] !== '\n' && this.text[this.at] !== '\r') throw new Outside();
    }
    const end = this.at++;
    parts.push(node('object_end', end, end + 1));
    return node('object', start, end + 1, parts);
  }

  /** A quoted string: `string_lit`, or `quoted_template` when it interpolates. On one line. */
  private quoted(): Node {
    const start = this.at++;
    const parts = [node('quoted_template_start', start, start + 1)];
    const end = this.template(start + 1, -1, parts);
    if (this.text[end] !== '"') throw new Outside();
    parts.push(node('quoted_template_end', end, end + 1));
    this.at = end + 1;
    const interpolates = parts.some((p) => p.type === 'template_interpolation');
    return node(interpolates ? 'quoted_template' : 'string_lit', start, this.at, parts);
  }

  private heredoc(): Node {
    const start = this.at;
    const open = heredocOpening(this.text, start);
    if (!open) throw new Outside();
    const { id, idStart, body } = open;
    const parts = [node('heredoc_start', start, idStart), node('heredoc_identifier', idStart, idStart + id.length)];
    // The body runs to the first line that holds only the identifier.
    const closing = heredocClosing(this.text, body, id);
    if (closing < 0) throw new Outside();
    if (this.template(body, closing, parts) !== closing) throw new Outside();
    parts.push(node('heredoc_identifier', closing, closing + id.length));
    this.at = closing + id.length;
    return node('heredoc_template', start, this.at, parts);
  }

  /**
   * Literal runs and interpolations from `from` to `end` (a heredoc's body), or to the closing quote when
   * `end` is -1 (a quoted string, on one line, with escapes); returns where it stopped.
   */
  private template(from: number, end: number, parts: Node[]): number {
    const { text } = this;
    const multiline = end >= 0;
    let run = from;
    let i = from;
    for (;;) {
      if (i >= text.length || (multiline ? i >= end : text.charCodeAt(i) === 34)) break;
      const c = text[i];
      if (!multiline && (c === '\n' || c === '\r')) throw new Outside();
      if (!multiline && c === '\\') {
        ESCAPE.lastIndex = i + 1;
        if (!ESCAPE.test(text)) throw new Outside();
        i = ESCAPE.lastIndex;
        continue;
      }
      if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
        i += 3;
        continue;
      }
      if (c === '%' && text[i + 1] === '{') throw new Outside();
      if (c === '$' && text[i + 1] === '{') {
        literal(text, run, i, parts);
        const close = this.interpolation(i + 2);
        if (!multiline && text.lastIndexOf('\n', close) > i) throw new Outside();
        parts.push(node('template_interpolation', i, close));
        i = run = close;
        continue;
      }
      i++;
    }
    literal(text, run, i, parts);
    return i;
  }

  /** Past the `}` of an interpolation whose inside starts at `from`: an expression of the subset (`~` strips allowed). */
  private interpolation(from: number): number {
    this.at = from;
    if (this.text[this.at] === '~') this.at++;
    this.space(true);
    this.expression('~');
    this.space(true);
    if (this.text[this.at] === '~') this.at++;
    if (this.text[this.at] !== '}') throw new Outside();
    return ++this.at;
  }

  /** Spaces, tabs and comments; newlines too when `lines`. A comment that runs to a line's end keeps the newline. */
  private space(lines: boolean): void {
    const { text } = this;
    for (;;) {
      const c = text[this.at];
      if (c === ' ' || c === '\t' || (lines && (c === '\n' || c === '\r'))) this.at++;
      else if (c === '#' || (c === '/' && text[this.at + 1] === '/')) {
        const nl = text.indexOf('\n', this.at);
        this.at = nl < 0 ? text.length : nl;
      } else if (c === '/' && text[this.at + 1] === '*') {
        const end = text.indexOf('*/', this.at + 2);
        if (end < 0) throw new Outside();
        this.at = end + 2;
      } else return;
    }
  }
}

/** A literal run of a template, as tree-sitter reads it: without its whitespace at either end (none if all whitespace). */
function literal(text: string, start: number, end: number, parts: Node[]): void {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) parts.push(node('template_literal', s, e));
}
