/**
 * What the workspace's policies say about the actions an API needs, in words: which statement in which
 * file allows it, which Deny blocks it, or that none grants it. Shared by .http hover and diagnostics.
 */
import { tr, type ImsApi, type Lang } from '../../core/catalogue';
import { evaluateAction, type PolicySource, type StatementRef, type Verdict } from '../../core/policy/evaluator';

export function fileName(uri: string): string {
  try {
    return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  } catch {
    return uri.slice(uri.lastIndexOf('/') + 1);
  }
}

export function describeStatement(ref: StatementRef, lang: Lang): string {
  const where = lang === 'zh' ? `${fileName(ref.source.uri)} 第 ${ref.statement.index + 1} 条语句` : `${fileName(ref.source.uri)}, statement ${ref.statement.index + 1}`;
  return ref.conditional ? `${where}${lang === 'zh' ? '（有条件）' : ' (with a Condition)'}` : where;
}

export interface ApiVerdict {
  verdicts: Verdict[];
  denied: Verdict[];
  missing: Verdict[];
  conditional: Verdict[];
  allowed: boolean;
}

/** Verdicts per policy set (the index hands out the same array until a policy changes) and API. */
const memo = new WeakMap<readonly PolicySource[], Map<string, ApiVerdict>>();

export function evaluateApi(api: ImsApi, policies: readonly PolicySource[]): ApiVerdict {
  let byApi = memo.get(policies);
  if (!byApi) memo.set(policies, (byApi = new Map()));
  let v = byApi.get(api.id);
  if (!v) byApi.set(api.id, (v = evaluateApiNow(api, policies)));
  return v;
}

function evaluateApiNow(api: ImsApi, policies: readonly PolicySource[]): ApiVerdict {
  const verdicts = api.actions.map((a) => evaluateAction(a, policies));
  return {
    verdicts,
    denied: verdicts.filter((v) => v.decision === 'denied'),
    missing: verdicts.filter((v) => v.decision === 'notGranted'),
    conditional: verdicts.filter((v) => v.decision === 'conditionallyAllowed' || v.mayBeDeniedBy.length > 0),
    allowed: verdicts.every((v) => v.decision === 'allowed'),
  };
}

/** Markdown lines for a hover: one per action. */
export function verdictMarkdown(api: ImsApi, policies: readonly PolicySource[], lang: Lang): string {
  const zh = lang === 'zh';
  if (policies.length === 0) return zh ? '_工作区中没有策略文件。_' : '_No policy files in the workspace._';
  const lines = evaluateApi(api, policies).verdicts.map((v) => {
    const a = `\`${v.action}\``;
    switch (v.decision) {
      case 'denied':
        return `- ⛔ ${a} ${zh ? '被拒绝：' : 'denied by'} ${v.deniedBy.map((r) => describeStatement(r, lang)).join('; ')}`;
      case 'allowed':
        return `- ✅ ${a} ${zh ? '允许：' : 'allowed by'} ${v.allowedBy.filter((r) => !r.conditional).map((r) => describeStatement(r, lang)).join('; ')}`
          + (v.mayBeDeniedBy.length ? ` — ${zh ? '可能被拒绝：' : 'may be denied by'} ${v.mayBeDeniedBy.map((r) => describeStatement(r, lang)).join('; ')}` : '');
      case 'conditionallyAllowed':
        return `- ⚠️ ${a} ${zh ? '仅在条件满足时允许：' : 'allowed only if a Condition holds:'} ${v.allowedBy.map((r) => describeStatement(r, lang)).join('; ')}`;
      default:
        return `- ❌ ${a} ${zh ? '没有策略授予' : 'granted by no policy'}`;
    }
  });
  return `${zh ? '**工作区策略**' : '**Workspace policies**'} (${tr(api.title, lang)}):\n${lines.join('\n')}`;
}
