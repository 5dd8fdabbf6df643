/**
 * What IAM checks in a policy before it accepts it, from the catalogue and the policy grammar the
 * language server uses: JSON, the structure of its Version, action grammar, IMS actions that do not
 * exist, and the documented limits of 1.1 (8 statements, 100 actions, …). One list of findings serves
 * custom policies (refused with the first), 5.0 versions and `POST /v5/policies/validate` (answered
 * with all of them).
 */
import { POLICY_LIMITS, findAction, type PolicyVersion } from '../../core/catalogue';
import { SNAPSHOT_MODEL } from '../../core/catalogue/iam5/model';
import { actionProblem, expandImsPattern, isWildcard } from '../../core/policy/actionPattern';
import { parseJson } from '../../core/policy/policyDocument';
import { validatePolicyStructure } from '../../core/policy/structureValidation';

export interface Finding {
  /** ERROR (refused) or WARNING (accepted, but probably not meant). */
  findingType: 'ERROR' | 'WARNING';
  issueCode: string;
  message: string;
  /** A JSON path into the document, such as `$.Statement[0].Action[1]`. */
  path: string;
}

/** An IMS action (or pattern) of the policy's model: 5.0 reads IAM 5.0's actions (`ims:images:setTags`), 1.x the catalogue's. */
function knownAction(action: string, version: PolicyVersion): boolean {
  if (version === '5.0') return SNAPSHOT_MODEL.expand(action).length > 0;
  return isWildcard(action) ? expandImsPattern(action).length > 0 : findAction(action) !== undefined;
}

export function policyFindings(text: string, version: PolicyVersion): Finding[] {
  const parsed = parseJson(text);
  if (!parsed.tree || parsed.errors.length > 0)
    return [{ findingType: 'ERROR', issueCode: 'INVALID_JSON', message: 'The policy document is not valid JSON.', path: '$' }];
  const model = parsed.policy;
  if (!model)
    return [{ findingType: 'ERROR', issueCode: 'MISSING_STATEMENT', message: 'The policy has no "Statement".', path: '$' }];
  const out: Finding[] = [];
  if (model.version !== version)
    out.push({
      findingType: 'ERROR',
      issueCode: 'INVALID_VERSION',
      message: `"Version" must be "${version}" here, not ${JSON.stringify(model.version ?? null)}.`,
      path: '$.Version',
    });
  const value = JSON.parse(text) as { Statement?: unknown };
  for (const e of validatePolicyStructure(value, version, 'identity'))
    out.push({
      findingType: 'ERROR',
      issueCode: 'INVALID_STRUCTURE',
      message: `${e.instancePath || 'policy'} ${e.message}`,
      path: `$${e.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.')}`,
    });
  const limited = POLICY_LIMITS.versions.includes(version);
  if (limited && model.statements.length > POLICY_LIMITS.statements)
    out.push({
      findingType: 'ERROR',
      issueCode: 'TOO_MANY_STATEMENTS',
      message: `A policy has at most ${POLICY_LIMITS.statements} statements; this one has ${model.statements.length}.`,
      path: '$.Statement',
    });
  for (const st of model.statements) {
    if (limited && st.actions.length > POLICY_LIMITS.actions)
      out.push({
        findingType: 'ERROR',
        issueCode: 'TOO_MANY_ACTIONS',
        message: `A statement has at most ${POLICY_LIMITS.actions} actions; this one has ${st.actions.length}.`,
        path: `$.Statement[${st.index}].${st.actionKey ?? 'Action'}`,
      });
    st.actions.forEach((a, i) => {
      const path = `$.Statement[${st.index}].${st.actionKey}[${i}]`;
      const problem = actionProblem(a.value);
      if (problem && !(problem.kind === 'upperCaseService' && version === '1.0'))
        out.push({
          findingType: 'ERROR',
          issueCode: 'INVALID_ACTION',
          message: `"${a.value}" is not service:resourceType:operation.`,
          path,
        });
      else if (!problem && a.value.startsWith('ims:') && !knownAction(a.value, version))
        out.push({
          findingType: 'WARNING',
          issueCode: 'UNKNOWN_ACTION',
          message: `IMS has no action matching "${a.value}".`,
          path,
        });
    });
  }
  return out;
}
