/** Hover in policy documents: actions (meaning, tag APIs, dependencies), keys, Effect, Version, operators. */
import { MarkupKind, Range, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  EFFECT_DOCS,
  GLOBAL_CONDITION_KEYS,
  POLICY_LIMITS,
  STATEMENT_KEYS,
  VERSION_DOCS,
  parseOperator,
  tr,
  type Lang,
  type PolicyVersion,
} from '../../core/catalogue';
import { actionHover } from './policyMarkdown';
import { iam5ActionHover } from './iam5Markdown';
import { cursorAt } from './policyCursor';
import type { ParsedPolicy } from './parsedPolicy';
import type { ServiceContext } from './serviceContext';
import { messages } from './messages';

function operatorHover(op: string, lang: Lang): string | undefined {
  const { known, ifExists } = parseOperator(op);
  if (!known) return undefined;
  const m = messages(lang);
  const lines = [`**${op}** — ${m.conditionOperator()}`];
  if (ifExists) lines.push(m.ifExistsHover());
  if (!known.confirmed) lines.push(m.operatorProbableHover());
  return lines.join('\n\n');
}

export function doHover(doc: TextDocument, parsed: ParsedPolicy, position: Position, ctx: ServiceContext): Hover | null {
  const model = parsed.model;
  if (!model) return null;
  const cursor = cursorAt(model, parsed.text, doc.offsetAt(position));
  const node = cursor?.stringNode;
  if (!cursor || !node || typeof node.value !== 'string') return null;
  const value = node.value;
  const lang = ctx.lang;
  let markdown: string | undefined;
  switch (cursor.kind) {
    case 'action':
      // A 5.0 policy speaks IAM 5.0's actions; 1.0 and 1.1 the catalogue's (core/policy/apiActions.ts).
      markdown = model.version === '5.0' ? iam5ActionHover(value, ctx.iam5, lang) : actionHover(value, lang);
      break;
    case 'statementKey': {
      const key = STATEMENT_KEYS.find((k) => k.name === value);
      if (key) markdown = `**${key.name}** — ${tr(key.doc, lang)}`;
      break;
    }
    case 'effect':
      if (value === 'Allow' || value === 'Deny') markdown = `**${value}** — ${tr(EFFECT_DOCS[value], lang)}`;
      break;
    case 'version':
      if (value in VERSION_DOCS) {
        const limits = POLICY_LIMITS.versions.includes(value as PolicyVersion)
          ? messages(lang).versionLimits(
              POLICY_LIMITS.statements,
              POLICY_LIMITS.actions,
              POLICY_LIMITS.conditions,
              POLICY_LIMITS.resources,
              POLICY_LIMITS.resourceLength,
            )
          : '';
        markdown = [`**Version ${value}** — ${tr(VERSION_DOCS[value as PolicyVersion], lang)}`, limits]
          .filter(Boolean)
          .join('\n\n');
      }
      break;
    case 'conditionOperator':
      markdown = operatorHover(value, lang);
      break;
    case 'conditionKey': {
      const key = GLOBAL_CONDITION_KEYS.find((k) => k.name === value);
      if (key) markdown = `**${key.name}** (${key.type}) — ${tr(key.doc, lang)}`;
      break;
    }
    default:
      break;
  }
  if (!markdown) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: markdown },
    range: Range.create(doc.positionAt(node.offset), doc.positionAt(node.offset + node.length)),
  };
}
