/**
 * Hover and go to definition on a `{{variable}}` of a .http file: its value (masked when it is a secret:
 * variables/secrets.ts) and where it comes from; the definition is the file variable, the `# @prompt`, the named
 * request, or the entry in `http-client.env.json` / `.env`.
 */
import { MarkupKind, Range, type Hover, type Location, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { resolveReference, type Resolution } from '../../core/http/variables/resolver';
import { referenceAt, type VariableReference } from '../../core/http/variables/references';
import { SYSTEM_VARIABLES } from '../../core/http/variables/systemVariables';
import { messages } from './messages';
import type { ParsedHttp } from './parsedHttp';
import type { ServiceContext } from './serviceContext';
import { shownValue } from './httpVariableCompletion';
import { escapeMarkdown, inlineCode } from '../../core/util/markdown';

/** The reference under the offset, with document offsets, and what it resolves to. */
export function variableAt(parsed: ParsedHttp, offset: number): { ref: VariableReference; resolution?: Resolution } | undefined {
  const lineStart = parsed.text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = parsed.text.indexOf('\n', offset);
  const line = parsed.text.slice(lineStart, lineEnd < 0 ? parsed.text.length : lineEnd);
  const local = referenceAt(line, offset - lineStart);
  if (!local) return undefined;
  const ref = {
    ...local,
    start: local.start + lineStart,
    end: local.end + lineStart,
    exprStart: local.exprStart + lineStart,
    exprEnd: local.exprEnd + lineStart,
  };
  return { ref, resolution: resolveReference(parsed.inputs, ref, parsed.requestAt(offset)) };
}

export function doVariableHover(doc: TextDocument, parsed: ParsedHttp, position: Position, ctx: ServiceContext): Hover | null {
  const at = variableAt(parsed, doc.offsetAt(position));
  if (!at) return null;
  const m = messages(ctx.lang);
  const { ref, resolution } = at;
  const env = parsed.variableSources.environment;
  // Everything from the document or its env files is escaped (markdown.ts): a value renders as text.
  const lines = [inlineCode(`{{${ref.expr}}}`)];
  if (!resolution) lines.push(escapeMarkdown(m.variableUndefined(ref.name, m.environmentLabel(env.name))));
  else {
    lines.push(escapeMarkdown(resolution.detail));
    const value = shownValue(resolution);
    if (resolution.problem) lines.push(`⚠️ ${escapeMarkdown(resolution.problem)}`);
    else if (resolution.error) lines.push(`⚠️ ${escapeMarkdown(resolution.error)}`);
    else if (value !== undefined) lines.push(m.variableValue(inlineCode(value)));
    else lines.push(m.variableNoValueYet());
    if (ref.kind === 'system') {
      const info = SYSTEM_VARIABLES.find((s) => s.name === ref.name);
      if (info) lines.push(`\`${info.syntax}\` — ${info.doc}`);
    }
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') },
    range: Range.create(doc.positionAt(ref.start), doc.positionAt(ref.end)),
  };
}

export function findVariableDefinition(doc: TextDocument, parsed: ParsedHttp, position: Position): Location | null {
  const at = variableAt(parsed, doc.offsetAt(position));
  const loc = at?.resolution?.location;
  if (at?.ref.kind === 'system' && at.ref.name === '$dotenv') {
    const dotenv = parsed.variableSources.dotenv;
    const name = at.ref.expr.split(/\s+/)[1]?.replace(/^%/, '');
    const entry = dotenv?.entries.find((e) => e.name === name);
    if (dotenv && entry) return { uri: dotenv.uri, range: offsetsIn(entry) };
    return null;
  }
  if (!loc) return null;
  if (!loc.uri) return { uri: doc.uri, range: Range.create(doc.positionAt(loc.start), doc.positionAt(loc.end)) };
  return { uri: loc.uri, range: offsetsIn(loc) };
}

/** A place in another file: the sources give the line and character of the name. */
function offsetsIn(at: { line?: number; character?: number; start: number; end: number }): Range {
  const line = at.line ?? 0;
  const character = at.character ?? 0;
  return Range.create(line, character, line, character + (at.end - at.start));
}
