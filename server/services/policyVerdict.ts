/**
 * What the workspace's policies say about the actions an API needs, in words: which statement in which
 * file allows it, which Deny blocks it, or that none grants it. Shared by .http hover and diagnostics.
 */
import { tr, type ImsApi, type Lang } from '../../core/catalogue';
import { SNAPSHOT_MODEL, type Iam5Model } from '../../core/catalogue/iam5/model';
import { evaluateApiActions } from '../../core/policy/apiActions';
import type { PolicySource, StatementRef, Verdict } from '../../core/policy/evaluator';
import { escapeMarkdown } from '../../core/util/markdown';
import { messages } from './messages';

export function fileName(uri: string): string {
  try {
    return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  } catch {
    return uri.slice(uri.lastIndexOf('/') + 1);
  }
}

export function describeStatement(ref: StatementRef, lang: Lang): string {
  return messages(lang).statementIn(ref.source.label ?? fileName(ref.source.uri), ref.statement.index + 1, ref.conditional);
}

export interface ApiVerdict {
  verdicts: Verdict[];
  denied: Verdict[];
  missing: Verdict[];
  conditional: Verdict[];
  allowed: boolean;
}

/**
 * Verdicts per 5.0 model, policy set (the index hands out the same array until a policy changes) and API.
 * Each policy is judged in its own model's actions (core/policy/apiActions.ts).
 */
const memo = new WeakMap<Iam5Model, WeakMap<readonly PolicySource[], Map<string, ApiVerdict>>>();

export function evaluateApi(api: ImsApi, policies: readonly PolicySource[], model: Iam5Model = SNAPSHOT_MODEL): ApiVerdict {
  let byPolicies = memo.get(model);
  if (!byPolicies) memo.set(model, (byPolicies = new WeakMap()));
  let byApi = byPolicies.get(policies);
  if (!byApi) byPolicies.set(policies, (byApi = new Map()));
  let v = byApi.get(api.id);
  if (!v) byApi.set(api.id, (v = evaluateApiNow(api, policies, model)));
  return v;
}

function evaluateApiNow(api: ImsApi, policies: readonly PolicySource[], model: Iam5Model): ApiVerdict {
  const verdicts = evaluateApiActions(api, policies, model);
  return {
    verdicts,
    denied: verdicts.filter((v) => v.decision === 'denied'),
    missing: verdicts.filter((v) => v.decision === 'notGranted'),
    conditional: verdicts.filter((v) => v.decision === 'conditionallyAllowed' || v.mayBeDeniedBy.length > 0),
    allowed: verdicts.every((v) => v.decision === 'allowed'),
  };
}

/** Markdown lines for a hover: one per action. */
export function verdictMarkdown(api: ImsApi, policies: readonly PolicySource[], lang: Lang, model?: Iam5Model): string {
  const m = messages(lang);
  if (policies.length === 0) return m.noWorkspacePolicies();
  // File names and Terraform addresses come from the workspace: escaped, never Markdown.
  const refs = (list: readonly StatementRef[]) => list.map((r) => escapeMarkdown(describeStatement(r, lang))).join('; ');
  const lines = evaluateApi(api, policies, model).verdicts.map((v) => {
    const a = `\`${v.action}\``;
    switch (v.decision) {
      case 'denied':
        return `- ⛔ ${a} ${m.deniedBy()} ${refs(v.deniedBy)}`;
      case 'allowed': {
        const maybe = v.mayBeDeniedBy.length ? ` — ${m.mayBeDeniedBy()} ${refs(v.mayBeDeniedBy)}` : '';
        return `- ✅ ${a} ${m.allowedBy()} ${refs(v.allowedBy.filter((r) => !r.conditional))}${maybe}`;
      }
      case 'conditionallyAllowed':
        return `- ⚠️ ${a} ${m.allowedIfCondition()} ${refs(v.allowedBy)}`;
      default:
        return `- ❌ ${a} ${m.grantedByNone()}`;
    }
  });
  return `${m.workspacePolicies()} (${tr(api.title, lang)}):\n${lines.join('\n')}`;
}
