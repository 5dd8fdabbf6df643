/**
 * Ranges between a .tf document and the virtual JSON document of a policy it holds (a heredoc or
 * `jsonencode`), through the policy's source map; and which parts are Terraform expressions, never judged.
 */
import { Range, type Position, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { VirtualPolicy } from '../parsedTerraform';

/** A range of the virtual document as a range of the .tf document. */
export function toSource(tf: TextDocument, v: VirtualPolicy, r: Range): Range {
  const start = v.policy.map.toSource(v.doc.offsetAt(r.start), 'start');
  const end = v.policy.map.toSource(v.doc.offsetAt(r.end), 'end');
  return Range.create(tf.positionAt(start), tf.positionAt(Math.max(start, end)));
}

export function toVirtual(tf: TextDocument, v: VirtualPolicy, p: Position): Position | undefined {
  const o = v.policy.map.toVirtual(tf.offsetAt(p));
  return o === undefined ? undefined : v.doc.positionAt(o);
}

/** Whether a virtual range touches a Terraform expression (not a value: never judged). */
export function isDynamic(v: VirtualPolicy, r: Range): boolean {
  const s = v.doc.offsetAt(r.start);
  const e = v.doc.offsetAt(r.end);
  return v.policy.dynamic.some((d) => s < d.end && e > d.start);
}

export function mapEdits(tf: TextDocument, v: VirtualPolicy, edits: readonly TextEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: toSource(tf, v, e.range), newText: e.newText }));
}
