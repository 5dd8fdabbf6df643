/** The catalogue's public face, with the relations derived from its tables. */
import { IMS_ACTIONS, IMS_WILDCARDS, findAction } from './actions';
import { IMS_APIS, TAG_APIS, findApi } from './apis';
import { patternMatches, sameAction } from './actionNames';
import type { ImsApi, Localized } from './types';

export * from './types';
export * from './actions';
export * from './apis';
export * from './endpoints';
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

/** Read operations: what another action of the same API depends on, never the other way round. */
const isRead = (action: string) => /^(get|list)/i.test(action.split(':')[2] ?? '');

/**
 * Actions that must be granted beside this one for some API it serves: an API that needs a write
 * action and a read one (the OpenStack-native tag APIs and CreateOrUpdateTags need update and get)
 * makes the read a dependency of the write (docs/sources.md §B: "dependency of native tag add/delete and of
 * PUT /v1/cloudimages/tags"). A read action depends on nothing. `apis` is the catalogue's, or a table of a
 * test's (no API of the catalogue needs two reads, so only such a table shows the rules apart).
 */
export function dependentActions(action: string, apis: readonly ImsApi[] = IMS_APIS): string[] {
  if (isRead(action)) return [];
  const deps = new Set<string>();
  for (const api of apis) {
    if (!api.actions.some((a) => sameAction(a, action))) continue;
    for (const a of api.actions) if (!sameAction(a, action) && isRead(a)) deps.add(a);
  }
  return [...deps];
}

/** The APIs that need both actions (for messages that say why a dependency matters). */
export function apisNeedingBoth(action: string, dependency: string): ImsApi[] {
  return IMS_APIS.filter(
    (api) => api.actions.some((a) => sameAction(a, action)) && api.actions.some((a) => sameAction(a, dependency)),
  );
}

export { IMS_ACTIONS, IMS_WILDCARDS, findAction, IMS_APIS, TAG_APIS, findApi };
