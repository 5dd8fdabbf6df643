/**
 * Every policy feature inside Terraform: each policy the .tf file holds (a heredoc or `jsonencode`) is
 * served as the JSON document it stands for, and the answers are carried back through the source map,
 * so a squiggle lands on the action's own characters in the heredoc or the HCL list, and a quick fix
 * edits the HCL. Parts that are Terraform expressions are never judged. A Version that does not fit
 * the resource (1.1 for huaweicloud_identity_role, 5.0 for huaweicloud_identityv5_policy) is said.
 */
import {
  DiagnosticSeverity,
  Range,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type InlayHint,
  type Position,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { getCodeActions } from './policyCodeActions';
import { doComplete } from './policyCompletion';
import { computeDiagnostics, DIAGNOSTIC_SOURCE } from './policyDiagnostics';
import { doHover } from './policyHover';
import { getInlayHints } from './policyInlayHints';
import { messages } from './messages';
import type { ParsedTerraform, VirtualPolicy } from './parsedTerraform';
import type { ServiceContext } from './serviceContext';
import { tagMapDiagnostics } from './terraformTags';
import { escapeMarkdown } from '../../core/util/markdown';
import { MAX_NESTING } from '../../core/util/nesting';

/** A file nested past the limit: read no further (core/util/nesting.ts). */
export const TOO_DEEP = 'too-deep';

export const TERRAFORM_VERSION = 'terraform-version';

/** A range of the virtual document as a range of the .tf document. */
function toSource(tf: TextDocument, v: VirtualPolicy, r: Range): Range {
  const start = v.policy.map.toSource(v.doc.offsetAt(r.start), 'start');
  const end = v.policy.map.toSource(v.doc.offsetAt(r.end), 'end');
  return Range.create(tf.positionAt(start), tf.positionAt(Math.max(start, end)));
}

function toVirtual(tf: TextDocument, v: VirtualPolicy, p: Position): Position | undefined {
  const o = v.policy.map.toVirtual(tf.offsetAt(p));
  return o === undefined ? undefined : v.doc.positionAt(o);
}

/** Whether a virtual range touches a Terraform expression (not a value: never judged). */
function isDynamic(v: VirtualPolicy, r: Range): boolean {
  const s = v.doc.offsetAt(r.start);
  const e = v.doc.offsetAt(r.end);
  return v.policy.dynamic.some((d) => s < d.end && e > d.start);
}

function mapEdits(tf: TextDocument, v: VirtualPolicy, edits: readonly TextEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: toSource(tf, v, e.range), newText: e.newText }));
}

/** A policy's own diagnostics, kept on its parse (which lives as long as its JSON does not change). */
const diagnosticsMemo = new WeakMap<object, { lang: string; settings: object; list: Diagnostic[] }>();

function virtualDiagnostics(v: VirtualPolicy, ctx: ServiceContext): Diagnostic[] {
  if (!v.parsed.model) return [];
  const hit = diagnosticsMemo.get(v.parsed);
  let list = hit && hit.lang === ctx.lang && hit.settings === ctx.settings ? hit.list : undefined;
  if (!list) {
    list = computeDiagnostics(v.doc, v.parsed, { ...ctx, jsonSyntax: true });
    diagnosticsMemo.set(v.parsed, { lang: ctx.lang, settings: ctx.settings, list });
  }
  return list.filter((d) => !isDynamic(v, d.range));
}

export function terraformDiagnostics(tf: TextDocument, parsed: ParsedTerraform, ctx: ServiceContext): Diagnostic[] {
  const m = messages(ctx.lang);
  const out: Diagnostic[] = [];
  if (parsed.tooDeep !== undefined)
    out.push({
      range: Range.create(tf.positionAt(parsed.tooDeep), tf.positionAt(parsed.tooDeep + 1)),
      severity: DiagnosticSeverity.Warning,
      code: TOO_DEEP,
      source: DIAGNOSTIC_SOURCE,
      message: m.tooDeep(MAX_NESTING),
    });
  for (const v of parsed.policies) {
    for (const d of virtualDiagnostics(v, ctx))
      out.push({ ...d, range: toSource(tf, v, d.range), relatedInformation: undefined });
    const version = v.parsed.model?.version;
    if (version && version !== v.policy.expectedVersion) {
      const node = v.parsed.model?.versionNode;
      const range = node
        ? toSource(tf, v, Range.create(v.doc.positionAt(node.offset), v.doc.positionAt(node.offset + node.length)))
        : Range.create(tf.positionAt(v.policy.start), tf.positionAt(v.policy.start + 1));
      out.push({
        range,
        severity: DiagnosticSeverity.Warning,
        code: TERRAFORM_VERSION,
        source: DIAGNOSTIC_SOURCE,
        message: m.terraformVersion(v.policy.resourceType, v.policy.expectedVersion, version),
      });
    }
  }
  out.push(...tagMapDiagnostics(tf, parsed.model.tagMaps, ctx.lang));
  return out;
}

export function terraformCompletion(
  tf: TextDocument,
  parsed: ParsedTerraform,
  position: Position,
  ctx: ServiceContext,
): CompletionList {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  const v = parsed.policyAt(tf.offsetAt(position));
  const at = v && toVirtual(tf, v, position);
  if (!v || !at || !v.parsed.model) return empty;
  const list = doComplete(v.doc, v.parsed, at, ctx);
  const mapItem = (item: CompletionItem): CompletionItem => {
    const te = item.textEdit;
    const textEdit = !te
      ? undefined
      : 'range' in te
        ? { range: toSource(tf, v, te.range), newText: te.newText }
        : { newText: te.newText, insert: toSource(tf, v, te.insert), replace: toSource(tf, v, te.replace) };
    return {
      ...item,
      ...(textEdit ? { textEdit } : {}),
      ...(item.additionalTextEdits ? { additionalTextEdits: mapEdits(tf, v, item.additionalTextEdits) } : {}),
    };
  };
  return { ...list, items: list.items.map(mapItem) };
}

export function terraformHover(tf: TextDocument, parsed: ParsedTerraform, position: Position, ctx: ServiceContext): Hover | null {
  const v = parsed.policyAt(tf.offsetAt(position));
  const at = v && toVirtual(tf, v, position);
  if (!v || !at || !v.parsed.model) return null;
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
