/**
 * Recognises IMS requests in `.http` files: the host `ims.<region>.myhuaweicloud.com` written out or
 * reached through file variables, or any host when the path matches a catalogue template. Path
 * segments may be literals or `{{variables}}`; the query string takes no part in matching.
 */
import { IMS_APIS, IMS_HOST_PATTERN, type ImsApi } from '../catalogue';
import { editDistance } from '../util/distance';
import { resolveVariables, type FileVariable, type HttpRequest } from './httpFile';
import { resolveText, type VariableInputs } from './variables/resolver';

export type ImsMatch =
  | { kind: 'api'; api: ImsApi; params: Record<string, string>; imsHost: boolean }
  /** The path is an IMS path, but not for this method. */
  | { kind: 'wrongMethod'; method: string; apis: ImsApi[]; imsHost: boolean }
  /** An IMS host with a path that is no IMS tag API; `suggestions` are the closest templates. */
  | { kind: 'unknownPath'; path: string; suggestions: ImsApi[] };

const UNRESOLVED = /^\{\{[^{}]+\}\}$/;

export interface UrlParts {
  host?: string;
  path: string;
  /** Offset of the path inside the original URL text, when it can be found there. */
  pathOffset: number;
}

/** Splits a URL (after variable substitution) into host and path, dropping query and fragment. */
export function splitUrl(url: string): UrlParts {
  let rest = url.trim();
  let host: string | undefined;
  let offset = url.indexOf(rest);
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(rest);
  if (scheme) {
    rest = rest.slice(scheme[0].length);
    offset += scheme[0].length;
  }
  if (scheme || !rest.startsWith('/')) {
    // host up to the first '/' that is not inside a {{variable}}
    let i = 0;
    while (i < rest.length && rest[i] !== '/' && rest[i] !== '?' && rest[i] !== '#') {
      const close = rest.startsWith('{{', i) ? rest.indexOf('}}', i) : -2;
      i = close === -2 ? i + 1 : close < 0 ? rest.length : close + 2;
    }
    host = rest.slice(0, i);
    rest = rest.slice(i);
    offset += i;
  }
  const cut = rest.search(/[?#]/);
  return { host, path: cut >= 0 ? rest.slice(0, cut) : rest, pathOffset: offset };
}

/** Whether a host is an IMS endpoint, allowing `{{variables}}` for parts of it (ims.{{region}}.myhuaweicloud.com). */
export function isImsHost(host: string | undefined): boolean {
  if (!host) return false;
  const probe = host.replace(/\{\{[^{}]+\}\}/g, 'x');
  return IMS_HOST_PATTERN.test(probe);
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

/** Matches path segments against a template; literals must be equal, parameters take any segment. */
function matchTemplate(template: string, segs: string[]): { params: Record<string, string>; literals: number } | undefined {
  const t = segments(template);
  if (t.length !== segs.length) return undefined;
  const params: Record<string, string> = {};
  let literals = 0;
  for (let i = 0; i < t.length; i++) {
    const param = /^\{(\w+)\}$/.exec(t[i]);
    if (param) params[param[1]] = segs[i];
    else if (t[i] === segs[i]) literals++;
    else return undefined;
  }
  return { params, literals };
}

export interface TemplateMatch {
  api: ImsApi;
  params: Record<string, string>;
  literals: number;
}

function allTemplates(path: string): TemplateMatch[] {
  const segs = segments(path);
  const out: TemplateMatch[] = [];
  for (const api of IMS_APIS) {
    const m = matchTemplate(api.path, segs);
    // A {{variable}} segment stands for a parameter, never for a literal part of the path.
    if (m) out.push({ api, ...m });
  }
  return out;
}

/** The templates with the most literal segments: `/tags/action` is BatchAddOrDeleteTags before it is a key. */
function mostSpecific(matches: TemplateMatch[]): TemplateMatch[] {
  const best = Math.max(0, ...matches.map((o) => o.literals));
  return matches.filter((o) => o.literals === best);
}

/**
 * The API a request is, by method and path together: `DELETE …/tags/action` is DeleteImageTag of the
 * key "action", although `POST …/tags/action` is BatchAddOrDeleteTags. Without a hit, `others` are the
 * APIs of the same path under other methods.
 */
export function routeFor(method: string, path: string): { hit?: TemplateMatch; others: TemplateMatch[] } {
  const all = allTemplates(path);
  const hit = mostSpecific(all.filter((c) => c.api.method === method))[0];
  return hit ? { hit, others: [] } : { others: mostSpecific(all) };
}

/**
 * The API a request is. Its URL is resolved through every variable source given (a request whose host
 * or path comes from an environment is recognized), or through the file's variables alone.
 */
export function matchImsRequest(request: HttpRequest, variables: readonly FileVariable[] | VariableInputs): ImsMatch | undefined {
  const resolved = Array.isArray(variables)
    ? resolveVariables(request.fullUrl, variables)
    : resolveText(variables as VariableInputs, request.fullUrl, request).text;
  const { host, path } = splitUrl(resolved);
  const imsHost = isImsHost(host);
  const method = (request.method?.text ?? 'GET').toUpperCase();
  const { hit, others } = routeFor(method, path);
  if (hit) return { kind: 'api', api: hit.api, params: hit.params, imsHost };
  if (others.length > 0) {
    // Same path, other method: only call it IMS when the host says so or the path is unmistakable.
    if (imsHost || others.some((c) => c.literals >= 2))
      return { kind: 'wrongMethod', method, apis: others.map((c) => c.api), imsHost };
    return undefined;
  }
  if (!imsHost) return undefined;
  return { kind: 'unknownPath', path, suggestions: nearTemplates(path) };
}

/** Templates one literal segment away from the path (a typo within edit distance 2), for "did you mean". */
function nearTemplates(path: string): ImsApi[] {
  const segs = segments(path);
  const out: ImsApi[] = [];
  for (const api of IMS_APIS) {
    const t = segments(api.path);
    if (t.length !== segs.length) continue;
    const misses = t.map((_, i) => i).filter((i) => !/^\{\w+\}$/.test(t[i]) && t[i] !== segs[i] && !UNRESOLVED.test(segs[i]));
    const typos = misses.filter((i) => editDistance(t[i], segs[i], 2) <= 2);
    if (misses.length === 1 && typos.length === 1 && !out.some((a) => a.path === api.path)) out.push(api);
  }
  return out;
}
