/**
 * Semantic tokens for .http files, so they are highlighted with no other .http extension installed (and
 * agree with REST Client's or httpyac's grammar when one is): methods, URLs, `{{variables}}` by where
 * they come from, headers, file variables, comments, separators, and JSON in bodies. IMS request lines
 * carry the modifier `ims`.
 */
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createScanner, SyntaxKind } from 'jsonc-parser';
import { variableReferences } from '../../core/http/variables/references';
import { resolveReference } from '../../core/http/variables/resolver';
import type { ParsedHttp } from './parsedHttp';

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
type TokenType = (typeof TYPES)[number];
type Modifier = (typeof MODIFIERS)[number];

export const HTTP_SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [...MODIFIERS] };

interface Tok {
  start: number;
  end: number;
  type: TokenType;
  mods: Modifier[];
}

/** `{{variable}}` tokens in a span, with the container's token on the text between them. */
function withVariables(
  parsed: ParsedHttp,
  start: number,
  end: number,
  type: TokenType | undefined,
  mods: Modifier[],
  out: Tok[],
): void {
  const text = parsed.text.slice(start, end);
  let at = 0;
  for (const ref of variableReferences(text)) {
    if (type && ref.start > at) out.push({ start: start + at, end: start + ref.start, type, mods });
    const r = resolveReference(parsed.inputs, ref, parsed.requestAt(start + ref.start));
    const source = r?.source;
    const vtype: TokenType = ref.kind === 'system' ? 'function' : ref.kind === 'request' ? 'property' : 'variable';
    const vmods: Modifier[] = !r
      ? ['undefined']
      : source === 'system'
        ? ['defaultLibrary']
        : source === 'environment' || source === 'shared'
          ? ['environment']
          : source === 'request'
            ? ['request']
            : source === 'prompt'
              ? ['prompt']
              : ['readonly'];
    out.push({ start: start + ref.start, end: start + ref.end, type: vtype, mods: vmods });
    at = ref.end;
  }
  if (type && at < text.length) out.push({ start: start + at, end, type, mods });
}

function jsonTokens(parsed: ParsedHttp, start: number, end: number, out: Tok[]): void {
  const text = parsed.text.slice(start, end);
  const scanner = createScanner(text, false);
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
        withVariables(parsed, s, e, expectKey ? 'property' : 'string', [], out);
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
      case SyntaxKind.Unknown:
        // A bare {{variable}} standing for a value: the scanner sees braces; mark the variable instead.
        break;
    }
  }
  // Bare {{variables}} outside strings.
  const inside = out.filter((t) => t.start >= start && t.end <= end);
  for (const ref of variableReferences(text)) {
    const s = start + ref.start;
    if (!inside.some((t) => t.start <= s && s < t.end)) withVariables(parsed, s, start + ref.end, undefined, [], out);
  }
}

export function getHttpSemanticTokens(doc: TextDocument, parsed: ParsedHttp): SemanticTokens {
  const out: Tok[] = [];
  const { file } = parsed;
  for (const c of file.comments) out.push({ start: c.start, end: c.end, type: 'comment', mods: [] });
  for (const s of file.separators) out.push({ start: s.start, end: s.end, type: 'comment', mods: ['documentation'] });
  for (const v of file.variables) {
    out.push({ start: v.nameSpan.start - 1, end: v.nameSpan.end, type: 'variable', mods: ['declaration', 'readonly'] });
    withVariables(parsed, v.valueSpan.start, v.valueSpan.end, 'string', [], out);
  }
  for (const r of file.requests) {
    const ims: Modifier[] = parsed.match(r)?.kind === 'api' ? ['ims'] : [];
    if (r.method) out.push({ start: r.method.span.start, end: r.method.span.end, type: 'keyword', mods: ims });
    withVariables(parsed, r.url.span.start, r.url.span.end, 'string', ims, out);
    if (r.httpVersion) out.push({ start: r.httpVersion.span.start, end: r.httpVersion.span.end, type: 'keyword', mods: [] });
    for (const h of r.headers) {
      out.push({ start: h.name.span.start, end: h.name.span.end, type: 'property', mods: [] });
      withVariables(parsed, h.value.span.start, h.value.span.end, undefined, [], out);
    }
    if (r.body && !r.body.file) jsonTokens(parsed, r.body.span.start, r.body.span.end, out);
    for (const p of r.prompts) out.push({ start: p.span.start, end: p.span.end, type: 'parameter', mods: ['declaration'] });
  }
  // Comments hold prompt names: a later, narrower token wins where they overlap.
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const builder = new SemanticTokensBuilder();
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
  for (const t of flat) {
    // Tokens are single-line: a multi-line span (never expected here) is cut at its first line.
    const from = doc.positionAt(t.start);
    const to = doc.positionAt(t.end);
    const length = to.line === from.line ? to.character - from.character : doc.getText().indexOf('\n', t.start) - t.start;
    if (length <= 0) continue;
    const mods = t.mods.reduce((m, x) => m | (1 << MODIFIERS.indexOf(x)), 0);
    builder.push(from.line, from.character, length, TYPES.indexOf(t.type), mods);
  }
  return builder.build();
}
