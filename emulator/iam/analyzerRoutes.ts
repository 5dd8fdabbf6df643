/**
 * STS and IAM Access Analyzer on the emulator's one address, in the Go SDK's shapes (no npm SDK has them):
 * GetCallerIdentity (services/sts/v1 model_get_caller_identity_response.go: account_id, principal_id,
 * principal_urn), ValidatePolicy (services/iamaccessanalyzer/v1: findings with lower-case finding_type,
 * learn_more_link, locations as path elements and a span of positions, marker paging) and
 * CheckNoNewAccess (check_result pass|fail, message, reasons with the statement that adds access).
 */
import { findNodeAtLocation, type JSONPath } from 'jsonc-parser';
import { lineIndex } from '../../core/util/lineIndex';
import { parseJsonTree } from '../../core/util/nesting';
import { addedAccess } from '../../core/policy/accessDiff';
import { parseJson } from '../../core/policy/policyDocument';
import type { IamAccount } from './account';
import { badRequest } from './errors';
import { policyFindings, type Finding } from './policyChecks';
import { operation, type Route } from './router';

type Body = Record<string, unknown> | undefined;

/** The policy types ValidatePolicy takes (model_policy_type.go) and those CheckNoNewAccess takes (model_policy_document_type.go). */
const VALIDATE_TYPES = [
  'identity_policy',
  'resource_policy',
  'service_control_policy',
  'resource_control_policy',
  'network_control_policy',
];
const CHECK_TYPES = ['identity_policy', 'agency_trust_policy', 'bucket_policy'];

const LEARN_MORE = 'https://support.huaweicloud.com/usermanual-iam5/iam_01_0934.html';

/** `$.Statement[0].Action[1]` as jsonc-parser's path. */
function jsonPath(path: string): JSONPath {
  return [...path.replace(/^\$\.?/, '').matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}

/**
 * Locations in one document, as the Go SDK's Location reads them (Position: line from 1, column and
 * offset from 0). The document is parsed and its lines found once per request, not once per finding.
 */
function locator(text: string) {
  const { tree } = parseJsonTree(text, []);
  const at = lineIndex(text);
  const position = (offset: number) => {
    const { line, character } = at(offset);
    return { line: line + 1, column: character, offset };
  };
  return (path: string) => {
    const steps = jsonPath(path);
    const node = tree ? (findNodeAtLocation(tree, steps) ?? tree) : undefined;
    const start = node?.offset ?? 0;
    const end = node ? node.offset + node.length : Math.min(1, text.length);
    return {
      path: steps.map((s) => (typeof s === 'number' ? { index: s } : { key: s })),
      span: { start: position(start), end: position(end) },
    };
  };
}

const finding = (location: ReturnType<typeof locator>, f: Finding) => ({
  finding_type: f.findingType === 'ERROR' ? 'error' : 'warning',
  issue_code: f.issueCode,
  finding_details: f.message,
  learn_more_link: LEARN_MORE,
  locations: [location(f.path)],
});

export function analyzerRoutes(a: IamAccount): Route[] {
  const text = (body: unknown, key: string): string => {
    const v = (body as Body)?.[key];
    if (typeof v !== 'string') throw badRequest(`${key} must be the policy as a JSON string.`);
    return v;
  };
  const oneOf = (body: unknown, key: string, allowed: string[]): string => {
    const v = (body as Body)?.[key];
    if (typeof v !== 'string' || !allowed.includes(v)) throw badRequest(`${key} must be one of ${allowed.join(', ')}.`);
    return v;
  };
  return [
    operation(
      'GetCallerIdentity',
      ({ callerId }) => ({
        status: 200,
        body: {
          account_id: a.domainId,
          principal_id: callerId,
          principal_urn: `iam::${a.domainId}:user:${a.userName(callerId)}`,
        },
      }),
      false,
    ),
    operation(
      'ValidatePolicy',
      ({ body, query }) => {
        const document = text(body, 'policy_document');
        oneOf(body, 'policy_type', VALIDATE_TYPES);
        const all = policyFindings(document, '5.0');
        // Marker paging as the SDK reads it: the marker is the index where the next page starts.
        const limit = Math.min(Math.max(Number(query.get('limit') ?? 100) || 100, 1), 200);
        const from = Number(query.get('marker') ?? 0) || 0;
        const location = locator(document);
        const findings = all.slice(from, from + limit).map((f) => finding(location, f));
        const next = from + limit < all.length ? String(from + limit).padStart(4, '0') : null;
        return { status: 200, body: { findings, page_info: { current_count: findings.length, next_marker: next } } };
      },
      false,
    ),
    operation(
      'CheckNoNewAccess',
      ({ body }) => {
        const existing = parseJson(text(body, 'existing_policy_document')).policy;
        const next = parseJson(text(body, 'new_policy_document')).policy;
        oneOf(body, 'policy_type', CHECK_TYPES);
        if (!existing || !next) throw badRequest('Both documents must be policies with "Statement".');
        const reasons = addedAccess(existing, next).map((r) => ({
          description: r.description,
          ...(r.statementId ? { statement_id: r.statementId } : {}),
          ...(r.statementIndex !== undefined ? { statement_index: r.statementIndex } : {}),
        }));
        return {
          status: 200,
          body: {
            check_result: reasons.length ? 'fail' : 'pass',
            message: reasons.length
              ? 'The new policy document grants access that the existing one does not.'
              : 'The new policy document grants no access that the existing one does not.',
            reasons,
          },
        };
      },
      false,
    ),
  ];
}
