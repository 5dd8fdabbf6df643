/** Markdown for policy hovers and completion documentation, built from the catalogue only. */
import {
  CATALOGUE_AS_OF,
  IMS_ACTIONS,
  IMS_WILDCARDS,
  TAG_APIS,
  apisForPattern,
  findAction,
  nearestActions,
  tr,
  type ImsApi,
  type Lang,
} from '../../core/catalogue';
import { expandImsPattern, isWildcard, patternMatches } from '../../core/policy/actionPattern';
import { escapeMarkdown } from '../../core/util/markdown';
import { messages } from './messages';

function mark(b: boolean): string {
  return b ? '✓' : '✗';
}

/**
 * The table of tag APIs a pattern touches; APIs it only partly grants name the missing actions. The actions
 * an API needs are the catalogue's (1.1), or 5.0's when `actionsOf` says so (iam5Markdown.ts).
 */
export function apiTable(
  pattern: string,
  lang: Lang,
  apis: readonly ImsApi[] = TAG_APIS,
  actionsOf: (api: ImsApi) => readonly string[] = (api) => api.actions,
): string {
  const rows: string[] = [];
  for (const api of apis) {
    const needed = actionsOf(api);
    const missing = needed.filter((a) => !patternMatches(pattern, a));
    if (missing.length === needed.length) continue;
    const title = tr(api.title, lang) + (api.deprecated ? ` _(${messages(lang).deprecated()})_` : '');
    const extra = missing.length > 0 ? ` — ${messages(lang).alsoNeeds()} \`${missing.join('`, `')}\`` : '';
    rows.push(`| ${title}${extra} | \`${api.method} ${api.path}\` | ${mark(api.iamProject)} | ${mark(api.enterpriseProject)} |`);
  }
  if (rows.length === 0) return messages(lang).noTagApi();
  return [
    `| ${messages(lang).tableApi()} | ${messages(lang).tableMethod()} | ${messages(lang).iamProject()} | ${messages(lang).enterpriseProject()} |`,
    '|---|---|:-:|:-:|',
    ...rows,
  ].join('\n');
}

function dependentsLine(pattern: string, lang: Lang): string | undefined {
  const deps = new Set<string>();
  for (const api of TAG_APIS) {
    if (!api.actions.some((a) => patternMatches(pattern, a))) continue;
    for (const a of api.actions) if (!patternMatches(pattern, a)) deps.add(a);
  }
  return deps.size > 0 ? `${messages(lang).dependentActions()}: ${[...deps].map((d) => `\`${d}\``).join(', ')}` : undefined;
}

/** Full hover for an IMS action or pattern; undefined for other services' actions. */
export function actionHover(pattern: string, lang: Lang): string | undefined {
  const action = findAction(pattern);
  const parts: string[] = [];
  if (action) {
    parts.push(`**${action.name}** — ${tr(action.description, lang)}`);
    if (!action.confirmed) parts.push(`_${messages(lang).unconfirmedAction()}_`);
  } else if (isWildcard(pattern) && (pattern.startsWith('ims:') || pattern.startsWith('*'))) {
    const form = IMS_WILDCARDS.find((w) => w.pattern === pattern);
    const matched = expandImsPattern(pattern);
    parts.push(`**${escapeMarkdown(pattern)}**${form ? ` — ${tr(form.description, lang)}` : ''}`);
    parts.push(`${messages(lang).matchesActions(matched.length)}: ${matched.map((a) => `\`${a.name}\``).join(', ')}`);
  } else if (pattern.toLowerCase().startsWith('ims:')) {
    // Unknown: say so, and show what the nearest known action would grant.
    const near = nearestActions(pattern);
    // The pattern is the document's text: escaped, so it cannot render as Markdown.
    parts.push(`**${escapeMarkdown(pattern)}** — ${messages(lang).unknownActionHover(near)}`);
    if (near.length === 0) return parts.join('\n\n');
    const suggestion = findAction(near[0])!;
    parts.push(`**${suggestion.name}** — ${tr(suggestion.description, lang)}`, apiTable(suggestion.name, lang));
    return parts.join('\n\n');
  } else {
    return undefined;
  }
  parts.push(apiTable(pattern, lang));
  const deps = dependentsLine(pattern, lang);
  if (deps) parts.push(deps);
  if (action && action.otherApis.length > 0)
    parts.push(`${messages(lang).otherApis()}: ${action.otherApis.map((a) => `\`${a}\``).join(', ')}`);
  parts.push(`_${tr(CATALOGUE_AS_OF, lang)}_`);
  return parts.join('\n\n');
}

/** Shorter documentation for completion items: meaning and the tag APIs unlocked. */
export function actionCompletionDoc(pattern: string, lang: Lang): string {
  const action = findAction(pattern);
  const wildcard = IMS_WILDCARDS.find((w) => w.pattern === pattern);
  const head = action ? tr(action.description, lang) : wildcard ? tr(wildcard.description, lang) : pattern;
  const { full } = apisForPattern(pattern);
  const apis = full.filter((a) => a.tagApi).map((a) => `- ${tr(a.title, lang)} \`${a.method} ${a.path}\``);
  const unlocks = messages(lang).tagApisUnlocked();
  return [head, apis.length > 0 ? `${unlocks}:\n${apis.join('\n')}` : messages(lang).noTagApi(), dependentsLine(pattern, lang)]
    .filter(Boolean)
    .join('\n\n');
}

/** All the action strings completion offers, in display order. */
export function actionCandidates(): string[] {
  return [...IMS_ACTIONS.map((a) => a.name), ...IMS_WILDCARDS.map((w) => w.pattern)];
}
