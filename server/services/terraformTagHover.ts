/**
 * Hover on a tag of an IMS image's `tags` map in Terraform: the workspace's policies whose Conditions
 * name that key (`g:ResourceTag/team`, `g:RequestTag/team`, `g:TagKeys` listing `team`), so whoever edits
 * a tag sees that it decides access (docs/abac.md). The policies are the workspace's, Terraform's included.
 */
import { MarkupKind, Range, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { getNodeValue } from 'jsonc-parser';
import { keysNamingTag } from '../../core/policy/conditions';
import { escapeMarkdown } from '../../core/util/markdown';
import type { ParsedTerraform } from './parsedTerraform';
import { messages } from './messages';
import { fileName } from './policyVerdict';
import type { ServiceContext } from './serviceContext';

/** At most this many statements listed (a workspace of generated policies could name a key hundreds of times). */
const MAX_LISTED = 20;

export function terraformTagHover(
  tf: TextDocument,
  parsed: ParsedTerraform,
  position: Position,
  ctx: ServiceContext,
): Hover | null {
  const offset = tf.offsetAt(position);
  const entry = parsed.model.tagMaps
    .flatMap((m) => m.entries)
    .find((e) => !e.dynamicKey && offset >= e.keyStart && offset <= e.keyEnd);
  if (!entry) return null;
  const m = messages(ctx.lang);
  const lines: string[] = [];
  for (const source of ctx.policies)
    for (const st of source.model.statements) {
      if (!st.conditionNode) continue;
      const keys = keysNamingTag(getNodeValue(st.conditionNode), entry.key);
      if (keys.length === 0) continue;
      const where = m.statementIn(escapeMarkdown(source.label ?? fileName(source.uri)), st.index + 1, false);
      const actions = st.actions.map((a) => `\`${escapeMarkdown(a.value)}\``).join(', ');
      lines.push(`- ${where}: ${st.effect ?? ''} ${actions} · ${keys.map((k) => `\`${escapeMarkdown(k)}\``).join(', ')}`);
    }
  const key = escapeMarkdown(entry.key);
  const value =
    lines.length === 0
      ? m.tagKeyInNoPolicy(key)
      : [
          m.tagKeyInPolicies(key),
          ...lines.slice(0, MAX_LISTED),
          ...(lines.length > MAX_LISTED ? [m.andMore(lines.length - MAX_LISTED)] : []),
        ].join('\n');
  return {
    contents: { kind: MarkupKind.Markdown, value },
    range: Range.create(tf.positionAt(entry.keyStart), tf.positionAt(entry.keyEnd)),
  };
}
