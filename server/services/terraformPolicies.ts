/**
 * Every policy feature inside Terraform: each policy the .tf file holds (a heredoc or `jsonencode`) is
 * served as the JSON document it stands for, and the answers are carried back through the source map,
 * so a hover or completion lands on the action's own characters in the heredoc or the HCL list, and a
 * quick fix edits the HCL. Parts that are Terraform expressions are never judged. Diagnostics are the
 * Terraform checks' (terraform/checks/).
 */
import {
  Range,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type InlayHint,
  type Position,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { getCodeActions } from './policyCodeActions';
import { doComplete } from './policyCompletion';
import { doHover } from './policyHover';
import { getInlayHints } from './policyInlayHints';
import { messages } from './messages';
import { terraformTagHover } from './terraformTagHover';
import { skeletonCompletions } from './terraformSkeletons';
import type { ParsedTerraform } from './parsedTerraform';
import type { ServiceContext } from './serviceContext';
import { virtualDiagnostics } from './terraform/checks/embeddedPolicies';
import { mapEdits, toSource, toVirtual } from './terraform/virtualRanges';
import { escapeMarkdown } from '../../core/util/markdown';

export function terraformCompletion(
  tf: TextDocument,
  parsed: ParsedTerraform,
  position: Position,
  ctx: ServiceContext,
): CompletionList {
  const offset = tf.offsetAt(position);
  // `Action = ["ims:|` with no closing quote: HCL cannot read the block, so it is read as if the quote
  // followed the word, and an item that ends there brings the quote.
  const text = tf.getText();
  const quoteAt = openStringEnd(text, offset);
  // A new element typed before others of the list (`"ims:|` above `var.more`) needs its comma to parse too.
  const comma = quoteAt !== undefined && /^[ \t]*\r?\n\s*[\w"]/.test(text.slice(quoteAt)) ? ',' : '';
  if (quoteAt === undefined) return completeIn(tf, parsed, position, ctx);
  const repaired = parsed.withText(`${text.slice(0, quoteAt)}"${comma}${text.slice(quoteAt)}`);
  return completeIn(tf, repaired, position, ctx, tf.positionAt(quoteAt));
}

/** Completion read from `read` (the document's parse, or a repaired one whose string closes at `closing`). */
function completeIn(
  tf: TextDocument,
  read: ParsedTerraform,
  position: Position,
  ctx: ServiceContext,
  closing?: Position,
): CompletionList {
  const offset = tf.offsetAt(position);
  const v = read.policyAt(offset);
  if (!v) return { isIncomplete: false, items: skeletonCompletions(tf, offset, ctx.lang) };
  const at = toVirtual(tf, v, position);
  if (!at || !v.parsed.model) return { isIncomplete: false, items: [] };
  const list = doComplete(v.doc, v.parsed, at, ctx);
  const close = (range: Range | undefined, newText: string) =>
    closing &&
    range &&
    range.end.line === closing.line &&
    range.end.character === closing.character &&
    newText.startsWith('"') &&
    !newText.endsWith('"')
      ? `${newText}"`
      : newText;
  const mapItem = (item: CompletionItem): CompletionItem => {
    const te = item.textEdit;
    const textEdit = !te
      ? undefined
      : 'range' in te
        ? { range: toSource(tf, v, te.range), newText: te.newText }
        : { newText: te.newText, insert: toSource(tf, v, te.insert), replace: toSource(tf, v, te.replace) };
    if (textEdit) textEdit.newText = close('range' in textEdit ? textEdit.range : textEdit.replace, textEdit.newText);
    return {
      ...item,
      ...(textEdit ? { textEdit } : {}),
      ...(item.additionalTextEdits ? { additionalTextEdits: mapEdits(tf, v, item.additionalTextEdits) } : {}),
    };
  };
  return { ...list, items: list.items.map(mapItem) };
}

/**
 * Where a string the cursor is in would close, when its line has no closing quote: after the word at the
 * cursor. Undefined when the quotes before the cursor pair up, or one follows it on the line.
 */
function openStringEnd(text: string, offset: number): number | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  const quotes = text.slice(lineStart, offset).match(/(?<!\\)"/g)?.length ?? 0;
  if (quotes % 2 === 0 || text.slice(offset, lineEnd).includes('"')) return undefined;
  let end = offset;
  while (end < lineEnd && /[\w:*?./-]/.test(text[end])) end++;
  return end;
}

export function terraformHover(tf: TextDocument, parsed: ParsedTerraform, position: Position, ctx: ServiceContext): Hover | null {
  const v = parsed.policyAt(tf.offsetAt(position));
  const at = v && toVirtual(tf, v, position);
  if (!v || !at || !v.parsed.model) return terraformTagHover(tf, parsed, position, ctx);
  const h = doHover(v.doc, v.parsed, at, ctx);
  if (!h) return null;
  const where = messages(ctx.lang).terraformPolicyOf(escapeMarkdown(v.policy.address));
  const contents =
    typeof h.contents === 'object' && 'kind' in h.contents
      ? { ...h.contents, value: `${h.contents.value}\n\n${where}` }
      : h.contents;
  return { contents, ...(h.range ? { range: toSource(tf, v, h.range) } : {}) };
}

export function terraformInlayHints(tf: TextDocument, parsed: ParsedTerraform, range: Range, ctx: ServiceContext): InlayHint[] {
  const out: InlayHint[] = [];
  const from = tf.offsetAt(range.start);
  const to = tf.offsetAt(range.end);
  for (const v of parsed.policies) {
    if (v.policy.end < from || v.policy.start > to || !v.parsed.model) continue;
    const whole = Range.create(v.doc.positionAt(0), v.doc.positionAt(v.doc.getText().length));
    for (const h of getInlayHints(v.doc, v.parsed, whole, ctx)) {
      const at = tf.positionAt(v.policy.map.toSource(v.doc.offsetAt(h.position)));
      out.push({ ...h, position: at, textEdits: h.textEdits ? mapEdits(tf, v, h.textEdits) : undefined });
    }
  }
  return out;
}

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line &&
  a.start.character === b.start.character &&
  a.end.line === b.end.line &&
  a.end.character === b.end.character;

export function terraformCodeActions(
  tf: TextDocument,
  parsed: ParsedTerraform,
  diagnostics: Diagnostic[],
  ctx: ServiceContext,
): CodeAction[] {
  const out: CodeAction[] = [];
  for (const v of parsed.policies) {
    if (!v.parsed.model) continue;
    // The diagnostics asked about, as the virtual document's own (matched by code and mapped range).
    const asked = virtualDiagnostics(v, ctx).filter((d) =>
      diagnostics.some((x) => x.code === d.code && sameRange(x.range, toSource(tf, v, d.range))),
    );
    if (asked.length === 0) continue;
    for (const action of getCodeActions(v.doc, v.parsed, asked, ctx)) {
      const edit: WorkspaceEdit | undefined = action.edit?.changes?.[v.doc.uri]
        ? { changes: { [tf.uri]: mapEdits(tf, v, action.edit.changes[v.doc.uri]) } }
        : undefined;
      // Actions that edit other documents (or run commands) stay as they are; ours edit the HCL.
      if (action.edit && !edit) continue;
      out.push({
        ...action,
        ...(edit ? { edit } : {}),
        diagnostics: action.diagnostics?.map((d) => ({ ...d, range: toSource(tf, v, d.range) })),
      });
    }
  }
  return out;
}
