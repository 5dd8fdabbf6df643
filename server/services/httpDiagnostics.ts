/**
 * Diagnostics for IMS requests in .http files: the body against the API's JSON Schema (ajv errors
 * mapped into the body), tag rules, duplicate keys, list limits; methods and paths; deprecated APIs;
 * and the check against the workspace's policies. Stable codes; exact ranges.
 */
import { findNodeAtLocation, getNodeValue, type Node, type ParseError } from 'jsonc-parser';
import type { ErrorObject } from 'ajv';
import { DiagnosticSeverity, DiagnosticTag, Range, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  IMS_APIS,
  TAG_KEY_RULE_TEXT,
  TAG_RULES,
  TAG_VALUE_RULE_TEXT,
  findApi,
  tr,
  type ImsApi,
  type Lang,
} from '../../core/catalogue';
import { identityVerdict, type IdentityAccess } from '../../core/access/identityAccess';
import { validateBody } from '../../core/http/bodyValidation';
import type { HttpRequest } from '../../core/http/httpFile';
import type { PolicySource } from '../../core/policy/evaluator';
import { DIAGNOSTIC_SOURCE } from './policyDiagnostics';
import type { ParsedHttp } from './parsedHttp';
import { messages, type Messages } from './messages';
import { identityReason } from './identityVerdict';
import { variableDiagnostics } from './httpVariableDiagnostics';
import { maskBareReferences, referenceTo } from '../../core/http/variables/references';
import { resolveReference } from '../../core/http/variables/resolver';
import { describeStatement, evaluateApi } from './policyVerdict';
import type { ServiceContext } from './serviceContext';
import { MAX_NESTING, parseJsonTree } from '../../core/util/nesting';

export const HttpCode = {
  bodySchema: 'body-schema',
  bodySyntax: 'body-json-syntax',
  tagRule: 'tag-rule',
  duplicateKey: 'duplicate-tag-key',
  missingBody: 'missing-body',
  bodyNeedsBlankLine: 'body-without-blank-line',
  docPlaceholder: 'doc-placeholder',
  unexpectedBody: 'unexpected-body',
  missingContentType: 'missing-content-type',
  methodNotSupported: 'method-not-supported',
  unknownPath: 'unknown-ims-path',
  deprecated: 'deprecated-api',
  notGranted: 'not-granted',
  denied: 'denied-by-policy',
  conditional: 'conditionally-granted',
  identityRefused: 'identity-refused',
} as const;

export type HttpFix =
  | { kind: 'rewriteDeprecated'; request: number; to: string }
  | { kind: 'addContentType'; request: number; value: string }
  | { kind: 'replaceMethod'; values: string[] }
  | { kind: 'addActions'; actions: string[] }
  /** An enum value in the wrong case: the documented spelling (the diagnostic's range is the string). */
  | { kind: 'replaceValue'; value: string }
  | { kind: 'insertBlankLine'; offset: number }
  /** Replace the range; `define` adds a file variable the new text uses, when nothing defines it. */
  | { kind: 'replaceText'; value: string; define?: { name: string; value: string } };

export interface HttpDiagnosticData {
  fix?: HttpFix;
}

class Out {
  readonly list: Diagnostic[] = [];
  constructor(
    private readonly doc: TextDocument,
    readonly m: Messages,
    readonly lang: Lang,
  ) {}
  range(start: number, end: number): Range {
    return Range.create(this.doc.positionAt(start), this.doc.positionAt(end));
  }
  add(
    start: number,
    end: number,
    severity: DiagnosticSeverity,
    code: string,
    message: string,
    extra: Partial<Diagnostic> & { data?: HttpDiagnosticData } = {},
  ): void {
    this.list.push({ range: this.range(start, end), severity, code, source: DIAGNOSTIC_SOURCE, message, ...extra });
  }
}

function header(request: HttpRequest, name: string) {
  return request.headers.find((h) => h.name.text.toLowerCase() === name.toLowerCase());
}

function lastSegment(path: string): string {
  return path.split('/').filter(Boolean).pop() ?? '';
}

/** A friendly message for one ajv error, quoting the documented rule where there is one. */
function bodyMessage(
  e: ErrorObject,
  api: ImsApi,
  value: unknown,
  m: Messages,
  lang: Lang,
): { message: string; code: string; severity: DiagnosticSeverity } | undefined {
  const field = lastSegment(e.instancePath) || 'body';
  const isKey = field === 'key';
  const isValue = field === 'value';
  const err = (message: string, code: string = HttpCode.bodySchema) => ({ message, code, severity: DiagnosticSeverity.Error });
  switch (e.keyword) {
    case 'if':
      return undefined; // reported through the branch that failed
    case 'required':
      return err(m.missingProperty((e.params as { missingProperty: string }).missingProperty, api.id));
    case 'additionalProperties':
      // IMS may ignore unknown properties, so this is a warning: nothing the service accepts is rejected.
      return {
        message: m.unknownProperty((e.params as { additionalProperty: string }).additionalProperty, api.id),
        code: HttpCode.bodySchema,
        severity: DiagnosticSeverity.Warning,
      };
    case 'enum':
      return err(
        m.notAllowed(
          JSON.stringify(value),
          (e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(m.or()),
        ),
      );
    case 'const':
      return undefined;
    case 'type': {
      return err(m.fieldType(field, (e.params as { type: string }).type, field === 'limit' || field === 'offset'));
    }
    case 'minLength':
      if (isKey) return err(m.emptyKey(tr(TAG_KEY_RULE_TEXT, lang)), HttpCode.tagRule);
      return err(m.notEmpty(field));
    case 'maxLength': {
      const limit = (e.params as { limit: number }).limit;
      const len = typeof value === 'string' ? [...value].length : 0;
      if (isKey || isValue) return err(m.tagTooLong(field, len, limit), HttpCode.tagRule);
      return err(m.tooLong(field, len, limit));
    }
    case 'pattern':
      if (isKey && api.id !== 'ListImageByTags') {
        return err(
          /\S/.test(String(value)) ? m.keyRule(JSON.stringify(value), tr(TAG_KEY_RULE_TEXT, lang)) : m.blankKey(),
          HttpCode.tagRule,
        );
      }
      if (isValue) return err(m.valueRule(JSON.stringify(value), tr(TAG_VALUE_RULE_TEXT, lang)), HttpCode.tagRule);
      if (field === 'limit') return err(m.limitFormat());
      if (field === 'offset') return err(m.offsetFormat());
      return err(m.wrongFormat(field));
    case 'minItems':
      return err(m.emptyList(field));
    case 'maxItems': {
      const limit = (e.params as { limit: number }).limit;
      const more =
        field === 'tags' && api.id === 'BatchAddOrDeleteTags'
          ? m.tagsPerImage(TAG_RULES.stricterMaxTagsPerImage, TAG_RULES.maxTagsPerImage)
          : '';
      return err(m.tooMany(field, Array.isArray(value) ? String(value.length) : '?', limit, more));
    }
    case 'uniqueItems':
      return err(m.sameTwice(field));
    case 'oneOf':
      return err(m.tagOrImageTag());
    default:
      return err(`${field}: ${e.message ?? 'invalid'}.`);
  }
}

/** `{Endpoint}`, `{project_id}`: the API pages' placeholders, which no .http tool fills. */
const PLACEHOLDER = /(?<!\{)\{([A-Za-z_][\w-]*)\}(?!\})/g;

/** What each placeholder should become: the endpoint, or the catalogue's {{variable}} of a path parameter. */
function placeholderReplacement(name: string): { value: string; variable?: string } | undefined {
  if (name.toLowerCase() === 'endpoint') return { value: 'ims.{{region}}.myhuaweicloud.com', variable: 'region' };
  for (const api of IMS_APIS) {
    const p = api.pathParams.find((x) => x.name === name);
    if (p) return { value: `{{${p.variable}}}`, variable: p.variable };
  }
  return undefined;
}

function checkPlaceholders(out: Out, request: HttpRequest, parsed: ParsedHttp): void {
  const url = request.url;
  for (const m of url.text.matchAll(PLACEHOLDER)) {
    const start = url.span.start + m.index!;
    const r = placeholderReplacement(m[1]);
    // The fix defines the variable it introduces when no source does, so it leaves no new warning.
    const known = r?.variable && resolveReference(parsed.inputs, referenceTo(r.variable), request);
    const define =
      r?.variable && !known
        ? { name: r.variable, value: `your-${r.variable.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` }
        : undefined;
    out.add(start, start + m[0].length, DiagnosticSeverity.Information, HttpCode.docPlaceholder, out.m.docPlaceholder(m[0]), {
      ...(r ? { data: { fix: { kind: 'replaceText', value: r.value, ...(define ? { define } : {}) } } } : {}),
    });
  }
}

/** Whether a value is (or holds) a {{variable}}: its text is not the value that will be sent. */
function containsVariable(node: Node | undefined, holes: ReadonlySet<number>): boolean {
  if (!node) return false;
  if (node.type === 'string') return holes.has(node.offset) || String(node.value).includes('{{');
  return (node.children ?? []).some((c) => containsVariable(c, holes));
}

function checkBody(out: Out, request: HttpRequest, api: ImsApi): void {
  const body = request.body;
  if (!api.bodySchema) {
    if (body && !body.file)
      out.add(body.span.start, body.span.end, DiagnosticSeverity.Warning, HttpCode.unexpectedBody, out.m.noBody(api.id));
    return;
  }
  const line = request.requestLine;
  if (!body && request.unseparatedBody) {
    const stray = request.unseparatedBody;
    out.add(stray.start, stray.end, DiagnosticSeverity.Error, HttpCode.bodyNeedsBlankLine, out.m.bodyNeedsBlankLine(api.id), {
      data: { fix: { kind: 'insertBlankLine', offset: stray.start } },
    });
    return;
  }
  if (!body) {
    out.add(
      line.start,
      line.end,
      DiagnosticSeverity.Error,
      HttpCode.missingBody,
      out.m.needsBody(api.id, JSON.stringify(api.exampleBody)),
    );
    return;
  }
  if (!header(request, 'Content-Type')) {
    out.add(line.start, line.end, DiagnosticSeverity.Warning, HttpCode.missingContentType, out.m.noContentType(api.contentType), {
      data: { fix: { kind: 'addContentType', request: request.index, value: api.contentType } },
    });
  }
  if (body.file) return; // the body is in another file: nothing to read here
  const errors: ParseError[] = [];
  // A {{variable}} standing for a whole JSON value parses as a string of its length, and is not judged.
  const { text: masked, holes } = maskBareReferences(body.text);
  const { tree, tooDeep: deep } = parseJsonTree(masked, errors, { allowTrailingComma: false, disallowComments: false });
  if (deep !== undefined) {
    // Not parsed: the JSON parser recurses per level (core/util/nesting.ts).
    out.add(
      body.span.start + deep,
      body.span.start + deep + 1,
      DiagnosticSeverity.Error,
      HttpCode.bodySyntax,
      out.m.tooDeep(MAX_NESTING),
    );
    return;
  }
  const base = body.span.start;
  if (errors.length > 0 || !tree) {
    const e = errors[0];
    const at = e ? base + e.offset : base;
    out.add(
      at,
      Math.min(at + Math.max(e?.length ?? 1, 1), body.span.end),
      DiagnosticSeverity.Error,
      HttpCode.bodySyntax,
      out.m.notJson(e ? parseErrorText(e.error) : 'empty'),
    );
    return;
  }
  for (const e of validateBody(api, getNodeValue(tree))) {
    const path = e.instancePath
      .split('/')
      .slice(1)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const node = findNodeAtLocation(tree, path) ?? tree;
    if (
      containsVariable(node, holes) &&
      ['maxLength', 'minLength', 'pattern', 'enum', 'type', 'format', 'minimum', 'maximum'].includes(e.keyword)
    )
      continue;
    const mapped = bodyMessage(e, api, getNodeValue(node), out.m, out.lang);
    if (!mapped) continue;
    let target = node;
    if (e.keyword === 'additionalProperties') {
      const key = (node.children ?? []).find(
        (p) => p.children?.[0]?.value === (e.params as { additionalProperty: string }).additionalProperty,
      )?.children?.[0];
      if (key) target = key;
    }
    const wide = target.type === 'object' || target.type === 'array';
    // "Create" for "create": the enum is case-sensitive, and the fix is the documented spelling.
    const allowed = e.keyword === 'enum' ? (e.params as { allowedValues: unknown[] }).allowedValues : [];
    const value = getNodeValue(target);
    const sameLetters = allowed.find(
      (v) => typeof v === 'string' && typeof value === 'string' && v.toLowerCase() === value.toLowerCase(),
    );
    out.add(
      base + target.offset,
      base + target.offset + (wide ? 1 : target.length),
      mapped.severity,
      mapped.code,
      mapped.message,
      typeof sameLetters === 'string' ? { data: { fix: { kind: 'replaceValue', value: sameLetters } } } : {},
    );
  }
  checkDuplicateKeys(out, tree, base, holes);
}

/** Any list of {key, …} objects in a tag body must not repeat a key (docs/sources.md §A.1, §A.2 #5). */
function checkDuplicateKeys(out: Out, node: Node, base: number, holes: ReadonlySet<number>): void {
  if (node.type === 'array') {
    const seen = new Map<string, Node>();
    for (const item of node.children ?? []) {
      if (item.type !== 'object') continue;
      const key = (item.children ?? []).find((p) => p.children?.[0]?.value === 'key')?.children?.[1];
      // A key from a {{variable}} is not known before it is sent.
      if (key?.type !== 'string' || containsVariable(key, holes)) continue;
      const k = String(key.value);
      if (seen.has(k))
        out.add(
          base + key.offset,
          base + key.offset + key.length,
          DiagnosticSeverity.Error,
          HttpCode.duplicateKey,
          out.m.duplicateKey(k),
        );
      else seen.set(k, key);
    }
  }
  for (const c of node.children ?? []) checkDuplicateKeys(out, c, base, holes);
}

function parseErrorText(code: number): string {
  const names: Record<number, string> = {
    1: 'invalid symbol',
    2: 'invalid number',
    3: 'property name expected',
    4: 'value expected',
    5: 'colon expected',
    6: 'comma expected',
    7: 'closing brace expected',
    8: 'closing bracket expected',
    9: 'end of file expected',
    10: 'invalid comment token',
    11: 'unexpected end of comment',
    12: 'unexpected end of string',
    13: 'unexpected end of number',
    14: 'invalid unicode',
    15: 'invalid escape character',
    16: 'invalid character',
  };
  return names[code] ?? 'syntax error';
}

function statementRange(source: PolicySource, node: Node): Range {
  const at = source.positionAt;
  return at ? Range.create(at(node.offset), at(node.offset + node.length)) : Range.create(0, 0, 0, 0);
}

function checkPolicies(out: Out, request: HttpRequest, api: ImsApi, policies: readonly PolicySource[]): void {
  if (policies.length === 0) return; // a workspace without policies gets no such warnings
  const v = evaluateApi(api, policies);
  const line = request.requestLine;
  for (const d of v.denied) {
    const ref = d.deniedBy[0];
    out.add(
      line.start,
      line.end,
      DiagnosticSeverity.Warning,
      HttpCode.denied,
      out.m.denied(api.id, d.action, d.deniedBy.map((r) => describeStatement(r, out.lang)).join('; ')),
      {
        relatedInformation: [
          {
            location: { uri: ref.source.uri, range: statementRange(ref.source, ref.statement.node) },
            message: out.m.denyStatement(ref.statement.index + 1),
          },
        ],
      },
    );
  }
  if (v.missing.length > 0) {
    const actions = v.missing.map((m) => m.action);
    out.add(
      line.start,
      line.end,
      DiagnosticSeverity.Warning,
      HttpCode.notGranted,
      out.m.notGranted(actions.map((a) => `"${a}"`).join(out.m.and()), api.id),
      { data: { fix: { kind: 'addActions', actions } } },
    );
  }
  for (const c of v.conditional) {
    const refs = c.decision === 'conditionallyAllowed' ? c.allowedBy : c.mayBeDeniedBy;
    const what = c.decision === 'conditionallyAllowed' ? out.m.allowedIf() : out.m.deniedIf();
    out.add(
      line.start,
      line.end,
      DiagnosticSeverity.Information,
      HttpCode.conditional,
      out.m.conditional(c.action, what, refs.map((r) => describeStatement(r, out.lang)).join('; ')),
    );
  }
}

/** The connected identity may not call the API: a warning naming the Deny or the missing grant. */
function checkIdentity(out: Out, request: HttpRequest, api: ImsApi, identity: IdentityAccess | undefined): void {
  const v = identityVerdict(identity, api.id);
  if (!identity || !v || v.decision === 'allowed') return;
  const line = request.requestLine;
  out.add(
    line.start,
    line.end,
    DiagnosticSeverity.Warning,
    HttpCode.identityRefused,
    out.m.identityRefused(identity.identity, api.id, identityReason(v, identity.administrator, out.lang)),
    v.decidedBy.length
      ? {
          relatedInformation: v.decidedBy.map((r) => ({
            location: { uri: r.uri, range: Range.create(0, 0, 0, 0) },
            message: out.m.identityStatement(r.policy, r.statement),
          })),
        }
      : {},
  );
}

export function computeHttpDiagnostics(doc: TextDocument, parsed: ParsedHttp, ctx: ServiceContext): Diagnostic[] {
  const { lang, policies } = ctx;
  const out = new Out(doc, messages(lang), lang);
  out.list.push(...variableDiagnostics(doc, parsed, lang));
  for (const request of parsed.file.requests) {
    const match = parsed.match(request);
    if (!match) continue;
    const urlSpan = request.url.span;
    checkPlaceholders(out, request, parsed);
    if (match.kind === 'unknownPath') {
      const suggestions = [...new Set(match.suggestions.map((a) => a.path))];
      out.add(
        urlSpan.start,
        urlSpan.end,
        DiagnosticSeverity.Warning,
        HttpCode.unknownPath,
        out.m.unknownPath(match.path, suggestions),
      );
      continue;
    }
    if (match.kind === 'wrongMethod') {
      const methods = [...new Set(match.apis.map((a) => a.method))];
      const span = request.method?.span ?? urlSpan;
      out.add(
        span.start,
        span.end,
        DiagnosticSeverity.Error,
        HttpCode.methodNotSupported,
        out.m.wrongMethod(match.method, methods.join(out.m.or()), match.apis.map((a) => a.id).join(', ')),
        request.method ? { data: { fix: { kind: 'replaceMethod', values: methods } } } : {},
      );
      continue;
    }
    const api = match.api;
    if (api.deprecated) {
      // The catalogue names the replacements, the nearest first.
      const to = api.deprecated.replacements[0];
      const target = findApi(to)!;
      out.add(
        request.requestLine.start,
        request.requestLine.end,
        DiagnosticSeverity.Hint,
        HttpCode.deprecated,
        out.m.deprecatedApi(api.id, tr(api.title, lang), target.id, `${target.method} ${target.path}`),
        { tags: [DiagnosticTag.Deprecated], data: { fix: { kind: 'rewriteDeprecated', request: request.index, to } } },
      );
    }
    checkBody(out, request, api);
    checkPolicies(out, request, api, policies);
    checkIdentity(out, request, api, ctx.identity);
  }
  return out.list;
}
