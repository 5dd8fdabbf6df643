/**
 * Inline permission hints in policies: beside each statement that touches IMS, what it allows or denies
 * in terms of the ten IMS tag APIs; the list is in the hint's tooltip.
 */
import { InlayHintKind, MarkupKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { IMS_ACTIONS, TAG_APIS, tr, type Lang } from '../../core/catalogue';
import { actionsFor } from '../../core/policy/apiActions';
import { statementMatches } from '../../core/policy/evaluator';
import { isConditional } from '../../core/policy/policyDocument';
import type { ParsedPolicy } from './parsedPolicy';
import { messages } from './messages';
import type { ServiceContext } from './serviceContext';

export function getInlayHints(doc: TextDocument, parsed: ParsedPolicy, range: Range, ctx: ServiceContext): InlayHint[] {
  const lang: Lang = ctx.lang;
  const model = parsed.model;
  if (!model) return [];
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const hints: InlayHint[] = [];
  // A 5.0 policy is read in 5.0's actions (setTags, getTags…), others in the catalogue's.
  const family = model.version === '5.0' ? 'iam5' : 'classic';
  const needs = (api: (typeof TAG_APIS)[number]) => actionsFor(api, family, ctx.iam5);
  const imsNames = family === 'iam5' ? ctx.iam5.actions.map((a) => a.name) : IMS_ACTIONS.map((a) => a.name);
  for (const st of model.statements) {
    if (st.node.offset > to || st.node.offset + st.node.length < from) continue;
    if (st.effect !== 'Allow' && st.effect !== 'Deny') continue;
    // An Allow grants an API only with all its actions; a Deny blocks it with any one of them.
    const apis = TAG_APIS.filter((api) =>
      st.effect === 'Allow' ? needs(api).every((a) => statementMatches(st, a)) : needs(api).some((a) => statementMatches(st, a)),
    );
    const allow = st.effect === 'Allow';
    const m = messages(lang);
    let label: string;
    if (apis.length > 0) label = m.statementHint(allow, apis.length, TAG_APIS.length, isConditional(st));
    // A statement that touches no IMS action gets no hint at all: "0 of the 10" on every ECS statement is noise.
    else if (imsNames.some((a) => statementMatches(st, a))) label = m.statementHintNone(allow, TAG_APIS.length);
    else continue;
    const list = apis.length > 0 ? apis.map((a) => `- ${tr(a.title, lang)} — \`${a.method} ${a.path}\``).join('\n') : m.none();
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
