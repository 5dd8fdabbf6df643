/** The catalogue's public face, with the relations derived from its tables. */
import { IMS_ACTIONS, IMS_WILDCARDS, findAction } from './actions';
import { IMS_APIS, TAG_APIS, findApi } from './apis';
import { patternMatches } from '../policy/actionPattern';
import type { ImsApi, Localized } from './types';

export * from './types';
export * from './actions';
export * from './apis';
export * from './policyGrammar';
export * from './tagRules';

/** How current the facts are: shown in hovers so people know what to trust. */
export const CATALOGUE_AS_OF: Localized = {
  en: 'Facts as of 2026-08: IMS API pages updated up to 2026-01, SDK metadata 3.1.209 (2026-08-06).',
  zh: '资料截至 2026-08：IMS API 文档更新至 2026-01，SDK 元数据 3.1.209（2026-08-06）。',
};

export type Lang = 'en' | 'zh';

export function tr(text: Localized, lang: Lang): string {
  return text[lang];
}

/** `zh`, `zh-cn`, `zh-tw` … speak Chinese; everything else English. */
export function langOf(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * The APIs (tag APIs and the two related ones) a policy pattern authorizes, fully or in part: an API
 * is "authorized" when the pattern matches every action it needs, and "partly" when only some.
 */
export function apisForPattern(pattern: string): { full: ImsApi[]; partial: ImsApi[] } {
  const full: ImsApi[] = [];
  const partial: ImsApi[] = [];
  for (const api of IMS_APIS) {
    const hits = api.actions.filter((a) => patternMatches(pattern, a)).length;
    if (hits === api.actions.length) full.push(api);
    else if (hits > 0) partial.push(api);
  }
  return { full, partial };
}

/** Actions that must be granted together with this one for some API it serves (e.g. update → get). */
export function dependentActions(action: string): string[] {
  const deps = new Set<string>();
  for (const api of IMS_APIS) {
    if (!api.actions.some((a) => a.toLowerCase() === action.toLowerCase())) continue;
    for (const a of api.actions) if (a.toLowerCase() !== action.toLowerCase()) deps.add(a);
  }
  return [...deps];
}

export { IMS_ACTIONS, IMS_WILDCARDS, findAction, IMS_APIS, TAG_APIS, findApi };
