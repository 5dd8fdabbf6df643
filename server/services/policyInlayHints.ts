/**
 * Inline permission hints in policies: beside each statement, what it allows or denies in terms of the
 * ten IMS tag APIs; the list is in the hint's tooltip.
 */
import { InlayHintKind, MarkupKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TAG_APIS, tr, type Lang } from '../../core/catalogue';
import { statementMatches } from '../../core/policy/evaluator';
import { isConditional } from '../../core/policy/policyDocument';
import type { ParsedPolicy } from './parsedPolicy';

export function getInlayHints(doc: TextDocument, parsed: ParsedPolicy, range: Range, lang: Lang): InlayHint[] {
  const model = parsed.model;
  if (!model) return [];
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const hints: InlayHint[] = [];
  for (const st of model.statements) {
    if (st.node.offset > to || st.node.offset + st.node.length < from) continue;
    if (st.effect !== 'Allow' && st.effect !== 'Deny') continue;
    // An Allow grants an API only with all its actions; a Deny blocks it with any one of them.
    const apis = TAG_APIS.filter((api) => (st.effect === 'Allow'
      ? api.actions.every((a) => statementMatches(st, a))
      : api.actions.some((a) => statementMatches(st, a))));
    const verb = st.effect === 'Allow' ? (lang === 'zh' ? '允许' : 'allows') : (lang === 'zh' ? '拒绝' : 'denies');
    const cond = isConditional(st) ? (lang === 'zh' ? '（有条件）' : ' (conditionally)') : '';
    const label = lang === 'zh'
      ? `${verb} ${apis.length}/${TAG_APIS.length} 个IMS标签接口${cond}`
      : `${verb} ${apis.length} of the ${TAG_APIS.length} IMS tag APIs${cond}`;
    const list = apis.length > 0
      ? apis.map((a) => `- ${tr(a.title, lang)} — \`${a.method} ${a.path}\``).join('\n')
      : (lang === 'zh' ? '无' : 'none');
    hints.push({
      position: doc.positionAt(st.node.offset + 1),
      label,
      kind: InlayHintKind.Type,
      paddingLeft: true,
      paddingRight: true,
      tooltip: { kind: MarkupKind.Markdown, value: `**${label}**\n\n${list}` },
    });
  }
  return hints;
}
