/**
 * The language service: plain functions over a TextDocument and its parse, no LSP connection. The
 * server, the tests and the benchmarks all use this one entry point.
 */
import type { CodeAction, CompletionList, Diagnostic, Hover, InlayHint, Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Lang } from '../core/catalogue';
import { parsePolicy, type ParsedPolicy } from './services/parsedPolicy';
import { doComplete } from './services/policyCompletion';
import { doHover } from './services/policyHover';
import { computeDiagnostics } from './services/policyDiagnostics';
import { getCodeActions } from './services/policyCodeActions';
import { getInlayHints } from './services/policyInlayHints';

export interface LanguageSettings {
  lang: Lang;
  policyInlayHints: boolean;
}

export const DEFAULT_SETTINGS: LanguageSettings = { lang: 'en', policyInlayHints: true };

export interface LanguageService {
  /** Parses once per document version; every other call takes the result. */
  parse(doc: TextDocument): ParsedPolicy;
  isPolicy(doc: TextDocument): boolean;
  complete(doc: TextDocument, position: Position): CompletionList;
  hover(doc: TextDocument, position: Position): Hover | null;
  diagnostics(doc: TextDocument): Diagnostic[];
  codeActions(doc: TextDocument, diagnostics: Diagnostic[]): CodeAction[];
  inlayHints(doc: TextDocument, range: Range): InlayHint[];
  forget(uri: string): void;
}

export const POLICY_LANGUAGES = new Set(['json', 'jsonc']);

export function getLanguageService(settings: () => LanguageSettings = () => DEFAULT_SETTINGS): LanguageService {
  const cache = new Map<string, { version: number; parsed: ParsedPolicy }>();
  const parse = (doc: TextDocument): ParsedPolicy => {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.parsed;
    const parsed = parsePolicy(doc.getText());
    cache.set(doc.uri, { version: doc.version, parsed });
    return parsed;
  };
  const forPolicy = <T>(doc: TextDocument, empty: T, f: (p: ParsedPolicy) => T): T => {
    if (!POLICY_LANGUAGES.has(doc.languageId)) return empty;
    const parsed = parse(doc);
    return parsed.model ? f(parsed) : empty;
  };
  return {
    parse,
    isPolicy: (doc) => forPolicy(doc, false, () => true),
    complete: (doc, pos) => forPolicy(doc, { isIncomplete: false, items: [] }, (p) => doComplete(doc, p, pos, { lang: settings().lang })),
    hover: (doc, pos) => forPolicy(doc, null, (p) => doHover(doc, p, pos, { lang: settings().lang })),
    diagnostics: (doc) => forPolicy(doc, [], (p) => computeDiagnostics(doc, p)),
    codeActions: (doc, diags) => forPolicy(doc, [], (p) => getCodeActions(doc, p, diags)),
    inlayHints: (doc, range) => (settings().policyInlayHints ? forPolicy(doc, [], (p) => getInlayHints(doc, p, range, settings().lang)) : []),
    forget: (uri) => cache.delete(uri),
  };
}
