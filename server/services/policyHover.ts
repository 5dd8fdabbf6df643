/** Hover in policy documents: actions (meaning, tag APIs, dependencies), keys, Effect, Version, operators. */
import { MarkupKind, Range, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CONDITION_OPERATORS, EFFECT_DOCS, GLOBAL_CONDITION_KEYS, OPERATOR_SET_PREFIXES, OPERATOR_SUFFIX, POLICY_LIMITS,
  STATEMENT_KEYS, VERSION_DOCS, tr, type Lang, type PolicyVersion,
} from '../../core/catalogue';
import { actionHover } from './policyMarkdown';
import { cursorAt } from './policyCursor';
import type { ParsedPolicy } from './parsedPolicy';

export interface HoverOptions {
  lang: Lang;
}

function operatorHover(op: string, lang: Lang): string | undefined {
  let name = op;
  const prefix = OPERATOR_SET_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) name = name.slice(prefix.length);
  const ifExists = name.endsWith(OPERATOR_SUFFIX);
  if (ifExists) name = name.slice(0, -OPERATOR_SUFFIX.length);
  const known = CONDITION_OPERATORS.find((o) => o.name === name);
  if (!known) return undefined;
  const lines = [`**${op}** — ${lang === 'zh' ? '条件运算符' : 'condition operator'}`];
  if (ifExists) lines.push(lang === 'zh' ? '`IfExists`：请求中没有该键时条件也成立。' : '`IfExists`: the condition also holds when the request has no value for the key.');
  if (!known.confirmed) lines.push(lang === 'zh' ? '_可能支持：文档中完整的运算符列表未能确认。_' : '_Probable: the documented operator list could not be read in full._');
  return lines.join('\n\n');
}

export function doHover(doc: TextDocument, parsed: ParsedPolicy, position: Position, options: HoverOptions): Hover | null {
  const model = parsed.model;
  if (!model) return null;
  const cursor = cursorAt(model, parsed.text, doc.offsetAt(position));
  const node = cursor?.stringNode;
  if (!cursor || !node || typeof node.value !== 'string') return null;
  const value = node.value;
  const lang = options.lang;
  let markdown: string | undefined;
  switch (cursor.kind) {
    case 'action':
      markdown = actionHover(value, lang);
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
          ? (lang === 'zh'
            ? `限制：最多 ${POLICY_LIMITS.statements} 条语句、每条 ${POLICY_LIMITS.actions} 个授权项、${POLICY_LIMITS.conditions} 个条件、${POLICY_LIMITS.resources} 个资源（每个不超过 ${POLICY_LIMITS.resourceLength} 个字符）。`
            : `Limits: ${POLICY_LIMITS.statements} statements, ${POLICY_LIMITS.actions} actions, ${POLICY_LIMITS.conditions} conditions, ${POLICY_LIMITS.resources} resources of at most ${POLICY_LIMITS.resourceLength} characters.`)
          : '';
        markdown = [`**Version ${value}** — ${tr(VERSION_DOCS[value as PolicyVersion], lang)}`, limits].filter(Boolean).join('\n\n');
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
