/**
 * The language service: plain functions over a TextDocument and its parse, no LSP connection. The
 * server, the tests and the benchmarks all use this one entry point. Policy documents (json, jsonc)
 * and request documents (http) are routed to their features here, and every feature gets the same
 * context (language, settings, the workspace's policies).
 */
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Location,
  Position,
  Range,
  SemanticTokens,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IdentityAccess } from '../core/access/identityAccess';
import type { Lang } from '../core/catalogue';
import type { HttpVariableSources } from '../core/http/variables/sources';
import type { Iam5Model } from '../core/catalogue/iam5/model';
import type { PolicySource } from '../core/policy/evaluator';
import type { HttpRequestSummary, ResolveHttpRequestParams, ResolvedHttpRequest, ResourceContext } from '../core/protocol';
import { DEFAULT_SETTINGS, type ImsTagsSettings } from '../core/settings';
import { DocumentCache, HTTP_LANGUAGES, POLICY_LANGUAGES, TERRAFORM_LANGUAGES } from './documentCache';
import type { ParsedTerraform } from './services/parsedTerraform';
import { terraformCodeActions, terraformCompletion, terraformHover, terraformInlayHints } from './services/terraformPolicies';
import { terraformDiagnostics } from './services/terraform/diagnostics';
import { getHttpCodeActions } from './services/httpCodeActions';
import { doHttpComplete } from './services/httpCompletion';
import { computeHttpDiagnostics } from './services/http/diagnostics';
import { doHttpHover } from './services/httpHover';
import { httpRequests, httpSendLenses, resolveHttpRequest } from './services/httpRequests';
import { getHttpInlayHints } from './services/httpInlayHints';
import { getHttpSemanticTokens } from './services/httpSemanticTokens';
import { getTerraformSemanticTokens } from './services/terraformSemanticTokens';
import { getHttpFoldingRanges, getHttpSymbols } from './services/httpSymbols';
import { findVariableDefinition } from './services/httpVariableHover';
import type { ParsedHttp } from './services/parsedHttp';
import type { ParsedPolicy } from './services/parsedPolicy';
import { getCodeActions } from './services/policyCodeActions';
import { doComplete } from './services/policyCompletion';
import { computeDiagnostics } from './services/policy/diagnostics';
import { doHover } from './services/policyHover';
import { getInlayHints } from './services/policyInlayHints';
import { serviceContext, type ServiceContext } from './services/serviceContext';

export { HTTP_LANGUAGES, POLICY_LANGUAGES, TERRAFORM_LANGUAGES };

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
  /** .http only: where a {{variable}} is defined. */
  definition(doc: TextDocument, position: Position): Location | null;
  /** .http only (VS Code's JSON support outlines and folds JSON). */
  documentSymbols(doc: TextDocument): DocumentSymbol[] | null;
  foldingRanges(doc: TextDocument): FoldingRange[] | null;
  semanticTokens(doc: TextDocument): SemanticTokens;
  /** .http only: the IMS and token requests (those a range touches), a Send lens above each, one resolved. */
  httpRequests(doc: TextDocument, range?: Range): HttpRequestSummary[];
  sendLenses(doc: TextDocument): CodeLens[];
  resolveHttpRequest(doc: TextDocument, params: ResolveHttpRequestParams): ResolvedHttpRequest | undefined;
  forget(uri: string): void;
}

export interface LanguageServiceOptions {
  lang?: () => Lang;
  settings?: () => ImsTagsSettings;
  /** The policies of the workspace, for the .http permission check. */
  policies?: () => readonly PolicySource[];
  /** Shared with the workspace index, so a document is parsed once. */
  cache?: DocumentCache;
  /** Whether to report JSON syntax errors of policies (default true; VS Code reports them itself). */
  jsonSyntax?: () => boolean;
  /** The connected identity's verdicts (sent by the VS Code client as `imsTags/identityAccess`). */
  identity?: () => IdentityAccess | undefined;
  /** A .http document's variable sources (the server reads env files and settings; tests give them). */
  httpVariables?: (uri: string) => HttpVariableSources;
  /** IAM 5.0's model of IMS (IAM's live schema when the client sent it; the snapshot otherwise). */
  iam5?: () => Iam5Model | undefined;
  /** The connection's region, account and loaded images (Resource URN completion). */
  resources?: () => ResourceContext | undefined;
}

export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const cache = options.cache ?? new DocumentCache();
  const context = (): ServiceContext =>
    serviceContext(
      options.lang?.() ?? 'en',
      options.settings?.() ?? DEFAULT_SETTINGS,
      options.policies ?? (() => []),
      options.jsonSyntax?.() ?? true,
      options.identity?.(),
      options.httpVariables,
      options.iam5?.(),
      options.resources?.(),
    );
  /**
   * Runs `policy` for policy documents, `http` for request documents, `terraform` (when the feature
   * has one) for Terraform documents, else returns `empty`.
   */
  const route = <T>(
    doc: TextDocument,
    empty: T,
    policy: (p: ParsedPolicy, ctx: ServiceContext) => T,
    http: (p: ParsedHttp, ctx: ServiceContext) => T,
    terraform?: (p: ParsedTerraform, ctx: ServiceContext) => T,
  ): T => {
    if (TERRAFORM_LANGUAGES.has(doc.languageId)) return terraform ? terraform(cache.terraform(doc), context()) : empty;
    if (HTTP_LANGUAGES.has(doc.languageId)) {
      const ctx = context();
      const parsed = cache.http(doc);
      parsed.use(ctx.httpVariables(doc.uri));
      return http(parsed, ctx);
    }
    if (!POLICY_LANGUAGES.has(doc.languageId)) return empty;
    const parsed = cache.policy(doc);
    return parsed.model ? policy(parsed, context()) : empty;
  };
  const noCompletions: CompletionList = { isIncomplete: false, items: [] };
  return {
    parse: (doc) => cache.policy(doc),
    parseHttp: (doc) => cache.http(doc),
    isPolicy: (doc) => POLICY_LANGUAGES.has(doc.languageId) && cache.policy(doc).model !== undefined,
    complete: (doc, pos) =>
      route(
        doc,
        noCompletions,
        (p, ctx) => doComplete(doc, p, pos, ctx),
        (p, ctx) => doHttpComplete(doc, p, pos, ctx),
        (p, ctx) => terraformCompletion(doc, p, pos, ctx),
      ),
    hover: (doc, pos) =>
      route(
        doc,
        null,
        (p, ctx) => doHover(doc, p, pos, ctx),
        (p, ctx) => doHttpHover(doc, p, pos, ctx),
        (p, ctx) => terraformHover(doc, p, pos, ctx),
      ),
    diagnostics: (doc) =>
      route(
        doc,
        [],
        (p, ctx) => computeDiagnostics(doc, p, ctx),
        (p, ctx) => computeHttpDiagnostics(doc, p, ctx),
        (p, ctx) => terraformDiagnostics(doc, p, ctx),
      ),
    codeActions: (doc, diags) =>
      route(
        doc,
        [],
        (p, ctx) => getCodeActions(doc, p, diags, ctx),
        (p, ctx) => getHttpCodeActions(doc, p, diags, ctx),
        (p, ctx) => terraformCodeActions(doc, p, diags, ctx),
      ),
    inlayHints: (doc, range) =>
      route(
        doc,
        [],
        (p, ctx) => (ctx.settings.policy.inlayHints.enabled ? getInlayHints(doc, p, range, ctx) : []),
        (p, ctx) => (ctx.settings.http.inlayHints.enabled ? getHttpInlayHints(doc, p, range, ctx) : []),
        (p, ctx) => (ctx.settings.policy.inlayHints.enabled ? terraformInlayHints(doc, p, range, ctx) : []),
      ),
    definition: (doc, pos) =>
      route(
        doc,
        null,
        () => null,
        (p) => findVariableDefinition(doc, p, pos),
      ),
    documentSymbols: (doc) =>
      route(
        doc,
        null,
        () => null,
        (p, ctx) => getHttpSymbols(doc, p, ctx),
      ),
    foldingRanges: (doc) =>
      route(
        doc,
        null,
        () => null,
        (p) => getHttpFoldingRanges(doc, p),
      ),
    semanticTokens: (doc) =>
      route<SemanticTokens>(
        doc,
        { data: [] },
        () => ({ data: [] }),
        (p) => getHttpSemanticTokens(doc, p),
        (p) => getTerraformSemanticTokens(doc, p),
      ),
    httpRequests: (doc, range) =>
      route(
        doc,
        [],
        () => [],
        (p) => httpRequests(doc, p, range),
      ),
    sendLenses: (doc) =>
      route(
        doc,
        [],
        () => [],
        (p, ctx) => httpSendLenses(doc, p, ctx.lang),
      ),
    resolveHttpRequest: (doc, params) =>
      route<ResolvedHttpRequest | undefined>(
        doc,
        undefined,
        () => undefined,
        (p) => resolveHttpRequest(doc, p, params),
      ),
    forget: (uri) => cache.forget(uri),
  };
}
