/**
 * Semantic tokens for .http files, so they are highlighted with no other .http extension installed (and
 * agree with REST Client's or httpyac's grammar when one is): methods, URLs, `{{variables}}` by where
 * they come from, headers, file variables, comments, separators, and JSON in bodies. IMS request lines
 * carry the modifier `ims`.
 */
import type { SemanticTokens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { encodeTokens, jsonTokens, type Modifier, type Tok, type TokenType } from './semanticTokens';
import { variableReferences } from '../../core/http/variables/references';
import { resolveReference } from '../../core/http/variables/resolver';
import type { ParsedHttp } from './parsedHttp';

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

/** A JSON body: its strings with their {{variables}}, and the bare {{variables}} that stand for values. */
function bodyTokens(parsed: ParsedHttp, start: number, end: number, out: Tok[]): void {
  jsonTokens(parsed.text, start, end, out, (s, e, type) => withVariables(parsed, s, e, type, [], out));
  const inside = out.filter((t) => t.start >= start && t.end <= end);
  for (const ref of variableReferences(parsed.text.slice(start, end))) {
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
    if (r.body && !r.body.file) bodyTokens(parsed, r.body.span.start, r.body.span.end, out);
    for (const p of r.prompts) out.push({ start: p.span.start, end: p.span.end, type: 'parameter', mods: ['declaration'] });
  }
  return encodeTokens(doc, out);
}
