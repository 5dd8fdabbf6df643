/**
 * The language service: plain functions over a TextDocument and its parse, no LSP connection. The
 * server, the tests and the benchmarks all use this one entry point. Policy documents (json, jsonc)
 * and request documents (http) are routed to their services here.
 */
import type { CodeAction, CompletionList, Diagnostic, Hover, InlayHint, Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Lang } from '../core/catalogue';
import type { PolicySource } from '../core/policy/evaluator';
import { parsePolicy, type ParsedPolicy } from './services/parsedPolicy';
import { ParsedHttp } from './services/parsedHttp';
import { doComplete } from './services/policyCompletion';
import { doHover } from './services/policyHover';
import { computeDiagnostics } from './services/policyDiagnostics';
import { getCodeActions } from './services/policyCodeActions';
import { getInlayHints } from './services/policyInlayHints';
import { doHttpComplete } from './services/httpCompletion';
import { doHttpHover } from './services/httpHover';
import { computeHttpDiagnostics } from './services/httpDiagnostics';
import { getHttpCodeActions } from './services/httpCodeActions';
import { getHttpInlayHints } from './services/httpInlayHints';

export interface LanguageSettings {
  lang: Lang;
  policyInlayHints: boolean;
  httpInlayHints: boolean;
}

export const DEFAULT_SETTINGS: LanguageSettings = { lang: 'en', policyInlayHints: true, httpInlayHints: true };

export interface LanguageService {
  /** Parses a JSON document once per version; every other call takes the result. */
  parse(doc: TextDocument): ParsedPolicy;
  parseHttp(doc: TextDocument): ParsedHttp;
  isPolicy(doc: TextDocument): boolean;
  complete(doc: TextDocument, position: Position): CompletionList;
  hover(doc: TextDocument, position: Position): Hover | null;
  diagnostics(doc: TextDocument): Diagnostic[];
  codeActions(doc: TextDocument, diagnostics: Diagnostic[]): CodeAction[];
  inlayHints(doc: TextDocument, range: Range): InlayHint[];
  forget(uri: string): void;
}

export const POLICY_LANGUAGES = new Set(['json', 'jsonc']);
export const HTTP_LANGUAGES = new Set(['http']);

export interface LanguageServiceOptions {
  settings?: () => LanguageSettings;
  /** The policies of the workspace, for the .http permission check. */
  policies?: () => readonly PolicySource[];
}

export function getLanguageService(options: LanguageServiceOptions | (() => LanguageSettings) = {}): LanguageService {
  const opts = typeof options === 'function' ? { settings: options } : options;
  const settings = opts.settings ?? (() => DEFAULT_SETTINGS);
  const policies = opts.policies ?? (() => []);
  const jsonCache = new Map<string, { version: number; parsed: ParsedPolicy }>();
  const httpCache = new Map<string, { version: number; parsed: ParsedHttp }>();
  const parse = (doc: TextDocument): ParsedPolicy => {
    const hit = jsonCache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.parsed;
    const parsed = parsePolicy(doc.getText());
    jsonCache.set(doc.uri, { version: doc.version, parsed });
    return parsed;
  };
  const parseHttp = (doc: TextDocument): ParsedHttp => {
    const hit = httpCache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.parsed;
    const parsed = new ParsedHttp(doc.getText());
    httpCache.set(doc.uri, { version: doc.version, parsed });
    return parsed;
  };
  /** Runs `policy` for policy documents, `http` for request documents, else returns `empty`. */
  const route = <T>(doc: TextDocument, empty: T, policy: (p: ParsedPolicy) => T, http: (p: ParsedHttp) => T): T => {
    if (HTTP_LANGUAGES.has(doc.languageId)) return http(parseHttp(doc));
    if (!POLICY_LANGUAGES.has(doc.languageId)) return empty;
    const parsed = parse(doc);
    return parsed.model ? policy(parsed) : empty;
  };
  const noCompletions: CompletionList = { isIncomplete: false, items: [] };
  return {
    parse,
    parseHttp,
    isPolicy: (doc) => POLICY_LANGUAGES.has(doc.languageId) && parse(doc).model !== undefined,
    complete: (doc, pos) => route(doc, noCompletions,
      (p) => doComplete(doc, p, pos, { lang: settings().lang }),
      (p) => doHttpComplete(doc, p, pos, settings().lang)),
    hover: (doc, pos) => route(doc, null,
      (p) => doHover(doc, p, pos, { lang: settings().lang }),
      (p) => doHttpHover(doc, p, pos, policies(), settings().lang)),
    diagnostics: (doc) => route(doc, [], (p) => computeDiagnostics(doc, p, settings().lang), (p) => computeHttpDiagnostics(doc, p, policies(), settings().lang)),
    codeActions: (doc, diags) => route(doc, [], (p) => getCodeActions(doc, p, diags, settings().lang), (p) => getHttpCodeActions(doc, p, diags, policies(), settings().lang)),
    inlayHints: (doc, range) => route(doc, [],
      (p) => (settings().policyInlayHints ? getInlayHints(doc, p, range, settings().lang) : []),
      (p) => (settings().httpInlayHints ? getHttpInlayHints(doc, p, range, settings().lang) : [])),
    forget: (uri) => {
      jsonCache.delete(uri);
      httpCache.delete(uri);
    },
  };
}
