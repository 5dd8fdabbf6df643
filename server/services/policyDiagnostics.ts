/**
 * Diagnostics for policy documents. Every finding has a stable code (docs/policy-files.md lists them) and the
 * exact range of the JSON node it is about. JSON syntax errors are left to the editor's JSON support.
 */
import { findNodeAtLocation, getNodeValue, printParseErrorCode, type Node } from 'jsonc-parser';
import type { ErrorObject } from 'ajv';
import { DiagnosticSeverity, DiagnosticTag, Range, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  EFFECTS,
  IMS_ACTIONS,
  POLICY_LIMITS,
  POLICY_VERSIONS,
  STATEMENT_KEYS,
  CONDITION_OPERATORS,
  OPERATOR_SUFFIX,
  apisNeedingBoth,
  dependentActions,
  findAction,
  nearestActions,
  isKnownOperator,
  type Lang,
  type PolicyVersion,
} from '../../core/catalogue';
import { actionProblem, expandImsPattern, isWildcard, normalizeAction, patternCovers } from '../../core/policy/actionPattern';
import { statementMatches } from '../../core/policy/evaluator';
import {
  isConditional,
  propertyNode,
  type PolicyModel,
  type PolicyStatement,
  type StringEntry,
} from '../../core/policy/policyDocument';
import { validatePolicyStructure } from '../../core/policy/structureValidation';
import { closest } from '../../core/util/distance';
import type { ParsedPolicy } from './parsedPolicy';
import { messages, type Messages } from './messages';
import type { ServiceContext } from './serviceContext';

export const DIAGNOSTIC_SOURCE = 'ims-tags';

export const PolicyCode = {
  unknownAction: 'unknown-action',
  jsonSyntax: 'json-syntax',
  upperCaseService: 'uppercase-service',
  malformedAction: 'malformed-action',
  noMatchingAction: 'wildcard-matches-nothing',
  invalidVersion: 'invalid-version',
  invalidEffect: 'invalid-effect',
  structure: 'policy-structure',
  actionWithNotAction: 'action-with-notaction',
  tooManyStatements: 'limit-statements',
  tooManyActions: 'limit-actions',
  tooManyConditions: 'limit-conditions',
  tooManyResources: 'limit-resources',
  resourceTooLong: 'limit-resource-length',
  unknownOperator: 'unknown-condition-operator',
  redundantAction: 'redundant-action',
  overriddenAllow: 'allow-overridden-by-deny',
  missingDependency: 'missing-dependent-action',
} as const;

/** What a quick fix can do for a diagnostic; carried in `Diagnostic.data`. */
export type PolicyFix =
  { kind: 'replace'; values: string[] } | { kind: 'addAction'; action: string; statement: number } | { kind: 'removeItem' };

export interface PolicyDiagnosticData {
  fix?: PolicyFix;
}

const OPERATOR_NAMES = CONDITION_OPERATORS.flatMap((o) => [o.name, o.name + OPERATOR_SUFFIX]);
/** Bounds the wildcard-coverage check on pathological statements (thousands of wildcards). */
const MAX_WILDCARDS_CHECKED = 200;

class Collector {
  readonly out: Diagnostic[] = [];
  constructor(
    private readonly doc: TextDocument,
    readonly m: Messages,
  ) {}

  range(node: Node): Range {
    return Range.create(this.doc.positionAt(node.offset), this.doc.positionAt(node.offset + node.length));
  }

  /** The opening brace or bracket of a container: a precise spot for "missing …" findings. */
  head(node: Node): Range {
    return Range.create(this.doc.positionAt(node.offset), this.doc.positionAt(node.offset + 1));
  }

  add(
    node: Node | Range,
    severity: DiagnosticSeverity,
    code: string,
    message: string,
    extra: Partial<Diagnostic> & { data?: PolicyDiagnosticData } = {},
  ): void {
    const range = 'start' in node ? node : this.range(node);
    this.out.push({ range, severity, code, source: DIAGNOSTIC_SOURCE, message, ...extra });
  }
}

function knownVersion(model: PolicyModel): PolicyVersion | undefined {
  return (POLICY_VERSIONS as readonly string[]).includes(model.version ?? '') ? (model.version as PolicyVersion) : undefined;
}

function checkVersion(c: Collector, model: PolicyModel): void {
  const node = model.versionNode;
  if (!node || knownVersion(model)) return;
  const uses5 = model.statements.some((s) => ['Sid', 'NotAction', 'NotResource'].some((k) => propertyNode(s.node, k)));
  const values = uses5 ? ['5.0', '1.1'] : ['1.1', '5.0', '1.0'];
  c.add(
    node,
    DiagnosticSeverity.Error,
    PolicyCode.invalidVersion,
    c.m.invalidVersion(node.type === 'string' ? `"${node.value}"` : String(node.value)),
    { data: { fix: { kind: 'replace', values } } },
  );
}

function structureMessage(
  e: ErrorObject,
  version: PolicyVersion | undefined,
  m: Messages,
): { message: string; code: string } | undefined {
  const path = e.instancePath.split('/').slice(1);
  const where = path.length >= 2 && path[0] === 'Statement' ? m.statementN(Number(path[1]) + 1) : m.thePolicy();
  // A branch of an anyOf is reported once, by the anyOf error itself.
  if (e.schemaPath.includes('/anyOf/')) return undefined;
  switch (e.keyword) {
    case 'required':
      return { code: PolicyCode.structure, message: m.missing(where, (e.params as { missingProperty: string }).missingProperty) };
    case 'anyOf': {
      // The statement's own anyOf is "Action or NotAction"; the others are the forms a value may take.
      const owner = path[path.length - 1];
      if (owner === 'Resource' || owner === 'NotResource') return { code: PolicyCode.structure, message: m.resourceForms(owner) };
      if (owner === 'Principal' || owner === 'NotPrincipal')
        return { code: PolicyCode.structure, message: m.principalForms(owner) };
      return { code: PolicyCode.structure, message: m.noAction(where, version === '5.0') };
    }
    case 'not':
      if (e.schemaPath.includes('dependentSchemas')) return { code: PolicyCode.structure, message: m.resourceAndNot(where) };
      return { code: PolicyCode.actionWithNotAction, message: m.actionAndNot(where) };
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const other = STATEMENT_KEYS.find((k) => k.name === key);
      if (other) return { code: PolicyCode.structure, message: m.keyOfVersion(key, other.versions.join(', '), version) };
      const near = closest(
        key,
        STATEMENT_KEYS.filter((k) => !version || k.versions.includes(version)).map((k) => k.name),
        1,
      );
      return { code: PolicyCode.structure, message: m.unknownKey(key, near[0]) };
    }
    case 'type': {
      const expected = (e.params as { type: string | string[] }).type;
      const last = path[path.length - 1];
      const isItem = /^\d+$/.test(last ?? '');
      const owner = isItem ? path[path.length - 2] : last;
      const what = isItem ? m.eachEntry(owner) : owner ? `"${owner}"` : m.thePolicy();
      const type = Array.isArray(expected)
        ? expected.map(m.aType).join(' / ')
        : expected === 'array'
          ? m.arrayOfStrings()
          : m.aType(expected);
      return { code: PolicyCode.structure, message: m.mustBe(what, type) };
    }
    default:
      return { code: PolicyCode.structure, message: m.otherStructure(where, e.message ?? 'invalid structure') };
  }
}

/**
 * The first JSON syntax error, for clients that do not report them themselves (comments are allowed, as
 * in jsonc). Only the first: the errors after it are mostly the parser recovering from it.
 */
function checkJsonSyntax(c: Collector, doc: TextDocument, parsed: ParsedPolicy): void {
  const [e, ...rest] = parsed.json.errors;
  if (!e) return;
  const range = Range.create(doc.positionAt(e.offset), doc.positionAt(e.offset + Math.max(e.length, 1)));
  c.out.push({
    range,
    severity: DiagnosticSeverity.Error,
    code: PolicyCode.jsonSyntax,
    source: DIAGNOSTIC_SOURCE,
    message: c.m.jsonSyntax(printParseErrorCode(e.error), rest.length),
  });
}

function checkStructure(c: Collector, model: PolicyModel): void {
  const version = knownVersion(model);
  const errors = validatePolicyStructure(getNodeValue(model.policyNode), version, model.kind);
  for (const e of errors) {
    const mapped = structureMessage(e, version, c.m);
    if (!mapped) continue;
    const path = e.instancePath
      .split('/')
      .slice(1)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
    const node = findNodeAtLocation(model.policyNode, path) ?? model.policyNode;
    let range = c.range(node);
    if (e.keyword === 'additionalProperties') {
      const key = propertyNode(node, (e.params as { additionalProperty: string }).additionalProperty)?.children?.[0];
      if (key) range = c.range(key);
    } else if (e.keyword === 'not' && !e.schemaPath.includes('dependentSchemas')) {
      const key = propertyNode(node, 'NotAction')?.children?.[0];
      if (key) range = c.range(key);
    } else if (node.type === 'object' || node.type === 'array') {
      range = c.head(node);
    }
    c.add(range, DiagnosticSeverity.Error, mapped.code, mapped.message);
  }
}

interface Finding {
  severity: DiagnosticSeverity;
  code: string;
  message: string;
  fix?: PolicyFix;
}

/** The finding for one action string; a document repeats the same strings, so results are memoized per run. */
function checkAction(
  c: Collector,
  entry: { value: string; node: Node },
  version: PolicyVersion | undefined,
  memo: Map<string, Finding | null>,
): void {
  // Other services' actions get a grammar check only, which allocates nothing: no memo entry for them.
  let finding = entry.value.startsWith('ims:') ? memo.get(entry.value) : (actionFinding(entry.value, version, c.m) ?? null);
  if (finding === undefined) memo.set(entry.value, (finding = actionFinding(entry.value, version, c.m) ?? null));
  if (finding)
    c.add(entry.node, finding.severity, finding.code, finding.message, finding.fix ? { data: { fix: finding.fix } } : {});
}

function actionFinding(v: string, version: PolicyVersion | undefined, m: Messages): Finding | undefined {
  const problem = actionProblem(v);
  if (problem?.kind === 'upperCaseService') {
    // IAM publishes and returns 1.0 roles with upper-case services (DNS:Zone:*); Huawei's 1.1 examples
    // use them too (EVS:*:*). The grammar says lower case: a warning with the reason, not an error.
    if (version === '1.0') return undefined;
    const fixed = v.replace(/^[^:]*/, (s) => s.toLowerCase());
    return {
      severity: DiagnosticSeverity.Warning,
      code: PolicyCode.upperCaseService,
      message: m.upperService(v, fixed),
      fix: { kind: 'replace', values: [fixed] },
    };
  }
  if (problem) {
    let message: string;
    switch (problem.kind) {
      case 'segments':
        message = m.segments(v, problem.count);
        break;
      case 'emptySegment':
        message = m.emptySegment(v);
        break;
      default:
        message = m.badChars(v, problem.chars);
    }
    // White space around an otherwise good action (" obs:bucket:CreateBucket"): trimming fixes it.
    const trimmed = v.trim();
    const fix: PolicyFix | undefined =
      trimmed !== v && trimmed && !actionProblem(trimmed) ? { kind: 'replace', values: [trimmed] } : undefined;
    return { severity: DiagnosticSeverity.Error, code: PolicyCode.malformedAction, message, fix };
  }
  if (!v.startsWith('ims:')) return undefined; // other services: syntax only
  // The IAM 5.0 IMS table could only be read in part, so unknown names there may be real: say less loudly.
  const severity = version === '5.0' ? DiagnosticSeverity.Information : DiagnosticSeverity.Warning;
  if (isWildcard(v)) {
    if (expandImsPattern(v).length > 0) return undefined;
    return { severity, code: PolicyCode.noMatchingAction, message: m.noMatch(v) };
  }
  if (findAction(v)) return undefined;
  const near = nearestActions(v);
  return {
    severity,
    code: PolicyCode.unknownAction,
    message: m.unknownAction(v, near),
    fix: near.length ? { kind: 'replace', values: near } : undefined,
  };
}

function checkRedundant(c: Collector, st: PolicyStatement): void {
  const seen = new Set<string>();
  const wildcards = st.actions.filter((a) => isWildcard(a.value)).slice(0, MAX_WILDCARDS_CHECKED);
  // A plain loop, no closure per action: a large policy lists hundreds of thousands of them.
  for (let i = 0; i < st.actions.length; i++) {
    const entry = st.actions[i];
    const norm = normalizeAction(entry.value);
    let message: string | undefined;
    if (seen.has(norm)) {
      message = c.m.listedTwice(entry.value);
    } else {
      seen.add(norm);
      const cover = wildcards.length === 0 ? undefined : coveringWildcard(st, wildcards, entry, norm, i);
      if (cover) message = c.m.coveredBy(entry.value, cover.value);
    }
    if (message) {
      c.add(entry.node, DiagnosticSeverity.Hint, PolicyCode.redundantAction, message, {
        tags: [DiagnosticTag.Unnecessary],
        data: { fix: { kind: 'removeItem' } },
      });
    }
  }
}

/** The wildcard of the statement that already grants `entry` (of two that cover each other, the first stays). */
function coveringWildcard(st: PolicyStatement, wildcards: StringEntry[], entry: StringEntry, norm: string, i: number) {
  return wildcards.find(
    (w) =>
      w !== entry &&
      normalizeAction(w.value) !== norm &&
      patternCovers(w.value, entry.value) &&
      !(patternCovers(entry.value, w.value) && st.actions.indexOf(w) > i),
  );
}

function checkLimits(c: Collector, st: PolicyStatement): void {
  const L = POLICY_LIMITS;
  if (st.actions.length > L.actions && st.actionKey) {
    const key = propertyNode(st.node, st.actionKey)!.children![0];
    c.add(key, DiagnosticSeverity.Error, PolicyCode.tooManyActions, c.m.tooManyActions(st.actions.length, L.actions));
  }
  if (st.resourceKey) {
    if (st.resources.length > L.resources) {
      const key = propertyNode(st.node, st.resourceKey)!.children![0];
      c.add(key, DiagnosticSeverity.Error, PolicyCode.tooManyResources, c.m.tooManyResources(st.resources.length, L.resources));
    }
    for (const r of st.resources) {
      if (r.value.length > L.resourceLength) {
        c.add(
          r.node,
          DiagnosticSeverity.Error,
          PolicyCode.resourceTooLong,
          c.m.resourceTooLong(r.value.length, L.resourceLength),
        );
      }
    }
  }
  if (st.conditionNode?.type === 'object') {
    const count = (st.conditionNode.children ?? []).reduce(
      (n, op) => n + (op.children?.[1]?.type === 'object' ? (op.children[1].children?.length ?? 0) : 1),
      0,
    );
    if (count > L.conditions) {
      const key = propertyNode(st.node, 'Condition')!.children![0];
      c.add(key, DiagnosticSeverity.Error, PolicyCode.tooManyConditions, c.m.tooManyConditions(count, L.conditions));
    }
  }
}

function checkOperators(c: Collector, st: PolicyStatement): void {
  if (st.conditionNode?.type !== 'object') return;
  for (const prop of st.conditionNode.children ?? []) {
    const key = prop.children?.[0];
    if (!key || typeof key.value !== 'string' || isKnownOperator(key.value)) continue;
    const near = closest(key.value, OPERATOR_NAMES);
    c.add(
      key,
      DiagnosticSeverity.Warning,
      PolicyCode.unknownOperator,
      c.m.unknownOperator(key.value, near),
      near.length ? { data: { fix: { kind: 'replace', values: near } } } : {},
    );
  }
}

function checkEffect(c: Collector, st: PolicyStatement): void {
  const node = st.effectNode;
  if (node?.type !== 'string' || (EFFECTS as readonly string[]).includes(node.value)) return;
  const fixed = EFFECTS.find((e) => e.toLowerCase() === String(node.value).trim().toLowerCase());
  c.add(node, DiagnosticSeverity.Error, PolicyCode.invalidEffect, c.m.invalidEffect(String(node.value)), {
    data: { fix: { kind: 'replace', values: fixed ? [fixed] : [...EFFECTS] } },
  });
}

/** Resource scope of a statement, for the override check: undefined means every resource. */
function resourceScope(st: PolicyStatement): string[] | undefined | null {
  if (st.resourceKey === 'NotResource') return null; // too subtle to compare: never claim an override
  return st.resourceKey ? st.resources.map((r) => r.value) : undefined;
}

/** An unconditional Deny, prepared for fast coverage tests: exact actions in a set, wildcards in a list. */
interface PreparedDeny {
  statement: PolicyStatement;
  exact: Set<string>;
  wildcards: string[];
  scope: string[] | undefined;
}

function prepareDeny(st: PolicyStatement): PreparedDeny {
  const exact = new Set<string>();
  const wildcards: string[] = [];
  for (const a of st.actions) {
    if (isWildcard(a.value)) wildcards.push(a.value);
    else exact.add(normalizeAction(a.value));
  }
  return { statement: st, exact, wildcards, scope: resourceScope(st) ?? undefined };
}

function denyCovers(d: PreparedDeny, action: string, allowScope: string[] | undefined): boolean {
  if (!d.exact.has(normalizeAction(action)) && !d.wildcards.some((w) => patternCovers(w, action))) return false;
  if (d.scope === undefined) return true;
  return (allowScope ?? ['*']).every((r) => d.scope!.some((p) => patternCovers(p, r)));
}

function checkOverriddenAllows(c: Collector, doc: TextDocument, model: PolicyModel): void {
  const denies = model.statements
    .filter((s) => s.effect === 'Deny' && s.actionKey === 'Action' && !isConditional(s) && resourceScope(s) !== null)
    .map(prepareDeny);
  if (denies.length === 0) return;
  for (const allow of model.statements) {
    if (allow.effect !== 'Allow' || allow.actionKey !== 'Action' || allow.actions.length === 0 || !allow.effectNode) continue;
    const allowScope = resourceScope(allow);
    if (allowScope === null) continue;
    const used = new Set<PolicyStatement>();
    const allCovered = allow.actions.every((a) => {
      const d = denies.find((deny) => denyCovers(deny, a.value, allowScope));
      if (d) used.add(d.statement);
      return d !== undefined;
    });
    if (!allCovered) continue;
    c.add(
      allow.effectNode,
      DiagnosticSeverity.Warning,
      PolicyCode.overriddenAllow,
      c.m.overridden([...used].map((d) => d.index + 1).join(', ')),
      {
        relatedInformation: [...used].map((d) => ({
          location: { uri: doc.uri, range: c.range(d.effectNode ?? d.node) },
          message: c.m.denyStatement(d.index + 1),
        })),
      },
    );
  }
}

/** Dependencies from the catalogue: a statement grants an action whose dependency no Allow of the policy grants. */
function checkDependencies(c: Collector, model: PolicyModel): void {
  const allowed = (action: string) => model.statements.some((s) => s.effect === 'Allow' && statementMatches(s, action));
  for (const action of IMS_ACTIONS) {
    const missing = dependentActions(action.name).filter((d) => !allowed(d));
    if (missing.length === 0) continue;
    for (const st of model.statements) {
      if (st.effect !== 'Allow' || !statementMatches(st, action.name)) continue;
      const entry = st.actionKey === 'Action' ? st.actions.find((a) => patternCovers(a.value, action.name)) : undefined;
      const node = entry?.node ?? propertyNode(st.node, st.actionKey!)!.children![0];
      for (const dep of missing) {
        const apis = apisNeedingBoth(action.name, dep).map((a) => `${a.method} ${a.path}`);
        c.add(
          node,
          DiagnosticSeverity.Information,
          PolicyCode.missingDependency,
          c.m.missingDependency(action.name, dep, apis.join(', ')),
          st.actionKey === 'Action' ? { data: { fix: { kind: 'addAction', action: dep, statement: st.index } } } : {},
        );
      }
    }
  }
}

export function computeDiagnostics(doc: TextDocument, parsed: ParsedPolicy, ctx: ServiceContext): Diagnostic[] {
  const lang: Lang = ctx.lang;
  const model = parsed.model;
  if (!model) return [];
  const c = new Collector(doc, messages(lang));
  if (ctx.jsonSyntax) checkJsonSyntax(c, doc, parsed);
  const version = knownVersion(model);
  checkVersion(c, model);
  checkStructure(c, model);
  const limits = version !== undefined && POLICY_LIMITS.versions.includes(version);
  if (limits && model.statements.length > POLICY_LIMITS.statements) {
    const key = propertyNode(model.policyNode, 'Statement')!.children![0];
    c.add(
      key,
      DiagnosticSeverity.Error,
      PolicyCode.tooManyStatements,
      c.m.tooManyStatements(model.statements.length, POLICY_LIMITS.statements),
    );
  }
  const memo = new Map<string, Finding | null>();
  for (const st of model.statements) {
    checkEffect(c, st);
    for (const entry of st.actions) checkAction(c, entry, version, memo);
    checkRedundant(c, st);
    if (limits) checkLimits(c, st);
    checkOperators(c, st);
  }
  checkOverriddenAllows(c, doc, model);
  checkDependencies(c, model);
  return capped(c.out, model, doc, c.m);
}

/** Past this many findings a document is junk or generated; more would only flood the Problems panel. */
export const MAX_DIAGNOSTICS = 1000;

function capped(all: Diagnostic[], model: PolicyModel, doc: TextDocument, m: Messages): Diagnostic[] {
  if (all.length <= MAX_DIAGNOSTICS) return all;
  const shown = all.slice(0, MAX_DIAGNOSTICS);
  const head = Range.create(doc.positionAt(model.policyNode.offset), doc.positionAt(model.policyNode.offset + 1));
  shown.push({
    range: head,
    severity: DiagnosticSeverity.Information,
    code: 'too-many-problems',
    source: DIAGNOSTIC_SOURCE,
    message: m.moreProblems(all.length - MAX_DIAGNOSTICS),
  });
  return shown;
}
