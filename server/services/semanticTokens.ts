/**
 * What the semantic tokens of every language share (.http in httpSemanticTokens.ts, Terraform in
 * terraformSemanticTokens.ts): one legend for the server's one registration, JSON scanned into tokens,
 * and the encoding — tokens sorted, a narrower token splitting a wider one it sits in, and a token that
 * spans lines cut into one a line (VS Code's tokens are single-line).
 */
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createScanner, SyntaxKind } from 'jsonc-parser';

const TYPES = ['keyword', 'string', 'variable', 'function', 'property', 'comment', 'number', 'operator', 'parameter'] as const;
const MODIFIERS = [
  'declaration',
  'readonly',
  'defaultLibrary',
  'documentation',
  'ims',
  'environment',
  'request',
  'prompt',
  'undefined',
] as const;
export type TokenType = (typeof TYPES)[number];
export type Modifier = (typeof MODIFIERS)[number];

export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [...MODIFIERS] };

export interface Tok {
  start: number;
  end: number;
  type: TokenType;
  mods: Modifier[];
}

/**
 * JSON between `start` and `end` of `text`: keys, values, numbers, keywords and comments. Each string goes
 * to `onString` with whether it is a key ('property') or a value ('string').
 */
export function jsonTokens(
  text: string,
  start: number,
  end: number,
  out: Tok[],
  onString: (start: number, end: number, type: 'property' | 'string') => void = (s, e, type) =>
    out.push({ start: s, end: e, type, mods: [] }),
): void {
  const scanner = createScanner(text.slice(start, end), false);
  let expectKey = true;
  const stack: string[] = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const s = start + scanner.getTokenOffset();
    const e = s + scanner.getTokenLength();
    switch (kind) {
      case SyntaxKind.OpenBraceToken:
        stack.push('{');
        expectKey = true;
        break;
      case SyntaxKind.OpenBracketToken:
        stack.push('[');
        expectKey = false;
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        stack.pop();
        expectKey = false;
        break;
      case SyntaxKind.CommaToken:
        expectKey = stack[stack.length - 1] === '{';
        break;
      case SyntaxKind.ColonToken:
        expectKey = false;
        break;
      case SyntaxKind.StringLiteral:
        onString(s, e, expectKey ? 'property' : 'string');
        break;
      case SyntaxKind.NumericLiteral:
        out.push({ start: s, end: e, type: 'number', mods: [] });
        break;
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
      case SyntaxKind.NullKeyword:
        out.push({ start: s, end: e, type: 'keyword', mods: [] });
        break;
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
        out.push({ start: s, end: e, type: 'comment', mods: [] });
        break;
    }
  }
}

/** The tokens encoded: sorted, a narrower token inside a wider one splits it, each cut at line ends. */
export function encodeTokens(doc: TextDocument, out: Tok[]): SemanticTokens {
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const flat: Tok[] = [];
  for (const t of out) {
    const last = flat[flat.length - 1];
    if (last && t.start < last.end) {
      // A token inside another (a prompt name in its comment): split the outer one around it.
      const tail = { ...last, start: t.end };
      last.end = t.start;
      if (last.end <= last.start) flat.pop();
      flat.push(t);
      if (tail.end > tail.start) flat.push(tail);
      continue;
    }
    flat.push(t);
  }
  const text = doc.getText();
  const builder = new SemanticTokensBuilder();
  for (const t of flat) {
    const mods = t.mods.reduce((m, x) => m | (1 << MODIFIERS.indexOf(x)), 0);
    for (let start = t.start; start < t.end;) {
      const newline = text.indexOf('\n', start);
      const end = newline < 0 || newline >= t.end ? t.end : newline;
      const from = doc.positionAt(start);
      const length = end - start - (text[end - 1] === '\r' ? 1 : 0);
      if (length > 0) builder.push(from.line, from.character, length, TYPES.indexOf(t.type), mods);
      start = end + 1;
    }
  }
  return builder.build();
}
