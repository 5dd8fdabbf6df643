/**
 * Hover and completion documentation for actions of Version 5.0 policies, from IAM 5.0's model of IMS
 * (core/catalogue/iam5/model.ts: IAM's live schema, or the shipped snapshot): the description, access
 * level, resource types, condition keys, aliases, the APIs the schema maps to it and their dependent
 * actions, and where the entry comes from (said plainly when the docs do not confirm it).
 */
import { IMS_WILDCARDS, TAG_APIS, type ImsApi, type Lang } from '../../core/catalogue';
import type { Iam5Model } from '../../core/catalogue/iam5/model';
import type { SchemaAction } from '../../core/catalogue/iam5/schemaTypes';
import { actionsFor } from '../../core/policy/apiActions';
import { isWildcard } from '../../core/policy/actionPattern';
import { escapeMarkdown } from '../../core/util/markdown';
import { apiTable } from './policyMarkdown';

const t = (lang: Lang, en: string, zh: string) => (lang === 'zh' ? zh : en);
const code = (xs: readonly string[]) => xs.map((x) => `\`${x}\``).join(', ');

/** The lines of facts about one 5.0 action. */
function facts(model: Iam5Model, a: SchemaAction, lang: Lang): string[] {
  const lines = [`**${a.name}** — ${escapeMarkdown(model.description(a, lang))}`];
  const resources = (a.resources ?? []).map(
    (r) =>
      `\`${model.typeOfTemplate(r.urn_template)}\`${r.required ? t(lang, ' (required)', '（必选）') : ''} \`${r.urn_template}\`` +
      ((r.condition_keys ?? []).length ? ` — ${t(lang, 'keys', '条件键')} ${code(r.condition_keys!)}` : ''),
  );
  lines.push(
    [
      `${t(lang, 'Access level', '访问级别')}: \`${a.access_level}\``,
      `${t(lang, 'Resources', '资源类型')}: ${resources.length ? resources.join('; ') : t(lang, '`*` only', '仅 `*`')}`,
      `${t(lang, 'Condition keys', '条件键')}: ${(a.condition_keys ?? []).length ? code(a.condition_keys!) : t(lang, 'none', '无')}`,
      ...((a.aliases ?? []).length ? [`${t(lang, 'Aliases', '别名')}: ${code(a.aliases!)}`] : []),
    ].join('  \n'),
  );
  return lines;
}

function provenanceLine(model: Iam5Model, subject: string, lang: Lang): string {
  const p = model.provenance(subject);
  const status = p.confirmed
    ? t(lang, 'confirmed', '已确认')
    : t(lang, 'not confirmed by the documentation', '文档未确认') + (p.note ? ` (${p.note})` : '');
  return `_${t(lang, 'IAM 5.0', 'IAM 5.0')}: ${escapeMarkdown(p.source)} — ${status}._`;
}

/** The APIs a pattern authorizes in 5.0, by the schema's operations; their dependent actions. */
function apisAndDependents(model: Iam5Model, pattern: string, lang: Lang, apis: readonly ImsApi[] = TAG_APIS): string[] {
  const table = apiTable(pattern, lang, apis, (api) => actionsFor(api, 'iam5', model));
  const mapping = apis.some((api) => model.operation(api.id))
    ? model.origin.kind === 'snapshot'
      ? [
          `_${t(
            lang,
            "Which API needs which 5.0 action follows the documented action descriptions; IAM's schema (read when connected) is the authority.",
            'API 与 5.0 授权项的对应依据文档中的授权项描述；以连接后读取的 IAM 授权模型为准。',
          )}_`,
        ]
      : []
    : [];
  return [table, ...mapping];
}

/** Full hover for an `ims:` action or pattern in a 5.0 policy; undefined for other services' actions. */
export function iam5ActionHover(pattern: string, model: Iam5Model, lang: Lang): string | undefined {
  const action = model.action(pattern);
  if (action)
    return [
      ...facts(model, action, lang),
      ...apisAndDependents(model, action.name, lang),
      provenanceLine(model, action.name, lang),
    ].join('\n\n');
  if (isWildcard(pattern) && (pattern.startsWith('ims:') || pattern === '*')) {
    const matched = model.expand(pattern);
    return [
      `**${escapeMarkdown(pattern)}** — ${t(lang, `matches ${matched.length} IAM 5.0 actions`, `匹配 ${matched.length} 个 IAM 5.0 授权项`)}:`,
      // By access level, as IAM's tables group them.
      [...new Set(matched.map((a) => a.access_level))]
        .map((level) => `- \`${level}\`: ${code(matched.filter((a) => a.access_level === level).map((a) => a.name))}`)
        .join('\n'),
      ...apisAndDependents(model, pattern, lang),
    ].join('\n\n');
  }
  if (!pattern.toLowerCase().startsWith('ims:')) return undefined;
  const near = model.nearest(pattern);
  const head = `**${escapeMarkdown(pattern)}** — ${t(
    lang,
    'not an IMS action of IAM 5.0, so it grants nothing in this Version 5.0 policy.',
    '不是 IAM 5.0 的 IMS 授权项，在此 5.0 策略中不授予任何权限。',
  )}${near.length ? ` ${t(lang, 'Did you mean', '您是否想输入')} ${code(near)}?` : ''}`;
  const suggestion = near.length ? model.action(near[0]) : undefined;
  return [head, ...(suggestion ? facts(model, suggestion, lang) : [])].join('\n\n');
}

/** Shorter documentation for a 5.0 completion item. */
export function iam5CompletionDoc(pattern: string, model: Iam5Model, lang: Lang): string {
  const action = model.action(pattern);
  if (!action) return iam5ActionHover(pattern, model, lang) ?? pattern;
  return [...facts(model, action, lang), provenanceLine(model, action.name, lang)].join('\n\n');
}

/** Every action and the documented wildcard forms completion offers in a 5.0 policy. */
export function iam5Candidates(model: Iam5Model): string[] {
  return [...model.actions.map((a) => a.name), ...IMS_WILDCARDS.map((w) => w.pattern)];
}
