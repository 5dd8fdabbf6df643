/**
 * The language server's messages (diagnostics and quick-fix titles) in English and Simplified Chinese.
 * `zh` has the type of `en`, so a message missing in one language does not compile.
 */
import type { Lang } from '../../core/catalogue';
import { inlineCode } from '../../core/util/markdown';

const SCRIPT_KIND_ZH: Record<string, string> = {
  'pre-request script': '请求前脚本',
  'response handler': '响应处理脚本',
  'script block': '脚本块',
  assertion: '断言',
};

const en = {
  // policies
  denyStatement: (n: number) => `Deny statement ${n}`,
  // .http
  addBlankLine: () => 'Add a blank line before the body',
  emptyKey: (rule: string) => `A tag key must not be empty: ${rule}.`,
  tagTooLong: (field: string, len: number, max: number) => `Tag ${field} is ${len} characters; IMS accepts at most ${max}.`,
  keyRule: (v: string, rule: string) => `Tag key ${v} breaks the key rule: ${rule}.`,
  valueRule: (v: string, rule: string) => `Tag value ${v} breaks the value rule: ${rule}.`,
  tooMany: (field: string, n: string, max: number, note: string) => `"${field}" has ${n} entries; at most ${max}${note}.`,
  tagsPerImage: (strict: number, loose: number) =>
    ` (the per-API pages say ${strict} tags an image, the tag-format page ${loose})`,
  duplicateKey: (k: string) => `Tag key "${k}" appears twice in this list; keys must be unique.`,
  and: () => ' and ',
  or: () => ' or ',
  // quick fixes
  replaceWith: (v: string) => `Replace with "${v}"`,
  addToStatement: (a: string) => `Add "${a}" to this statement`,
  removeRedundant: () => 'Remove the redundant action',
  rewriteAs: (id: string) => `Rewrite as ${id}`,
  addContentType: (v: string) => `Add "Content-Type: ${v}"`,
  useMethod: (m: string) => `Use ${m}`,
  grantIn: (actions: string, file: string, n: number) => `Grant ${actions} in ${file} (statement ${n})`,
  // hovers, hints and completion documentation
  tableApi: () => 'IMS tag API',
  tableMethod: () => 'Method and path',
  iamProject: () => 'IAM project',
  enterpriseProject: () => 'Enterprise project',
  enterpriseProjectInline: () => 'enterprise project',
  alsoNeeds: () => 'also needs',
  dependentActions: () => 'Dependent actions',
  noTagApi: () => 'Authorizes none of the IMS tag APIs.',
  unknownActionHover: (near: string[]) =>
    `not a known IMS action, so it grants nothing.${near.length ? ` Did you mean ${near.map((n) => `\`${n}\``).join(' or ')}?` : ''}`,
  matchesActions: (n: number) => `Matches ${n} IMS actions`,
  otherApis: () => 'Other APIs',
  unconfirmedAction: () => 'Only the name is documented (IAM 5.0 table, read in part).',
  deprecated: () => 'deprecated',
  tagApisUnlocked: () => 'Tag APIs it unlocks',
  needs: (actions: string) => `Needs ${actions}`,
  needsHint: (actions: string) => `needs ${actions}`,
  actionsNeeded: () => 'Actions needed',
  successStatus: () => 'Success',
  notIdempotent: () => 'not idempotent',
  deprecatedUse: (replacements: string[]) => `Deprecated: use ${replacements.join(' or ')}`,
  documentation: () => 'Documentation',
  operatorProbable: () => ' (probable; the full list could not be confirmed)',
  ifExistsShort: () => 'Also holds when the request has no value for the key.',
  conditionOperator: () => 'condition operator',
  ifExistsHover: () => '`IfExists`: the condition also holds when the request has no value for the key.',
  operatorProbableHover: () => '_Probable: the documented operator list could not be read in full._',
  versionLimits: (st: number, ac: number, co: number, re: number, len: number) =>
    `Limits: ${st} statements, ${ac} actions, ${co} conditions, ${re} resources of at most ${len} characters.`,
  statementHint: (allow: boolean, n: number, total: number, conditional: boolean) =>
    `${allow ? 'allows' : 'denies'} ${n} of the ${total} IMS tag APIs${conditional ? ' (conditionally)' : ''}`,
  statementHintNone: (allow: boolean, total: number) =>
    `${allow ? 'allows' : 'denies'} IMS actions, but none of the ${total} IMS tag APIs`,
  none: () => 'none',
  statementIn: (file: string, n: number, conditional: boolean) =>
    `${file}, statement ${n}${conditional ? ' (with a Condition)' : ''}`,
  noWorkspacePolicies: () => '_No policy files in the workspace._',
  deniedBy: () => 'denied by',
  allowedBy: () => 'allowed by',
  mayBeDeniedBy: () => 'may be denied by',
  allowedIfCondition: () => 'allowed only if a Condition holds:',
  grantedByNone: () => 'granted by no policy',
  workspacePolicies: () => '**Workspace policies**',
  // Terraform
  terraformPolicyOf: (address: string) => `_In ${address}._`,
  tagKeyInPolicies: (key: string) => `**Tag \`${key}\` decides access:** the conditions of these workspace policies name it.`,
  tagKeyInNoPolicy: (key: string) => `No workspace policy names the tag \`${key}\` in a condition.`,
  andMore: (n: number) => `- …and ${n} more`,
  // .http variables
  variableNoValueYet: () => 'No value yet: asked for, or read from a response, when the request is sent.',
  requestVariableDetail: (name: string) => `request variable: the last response of "${name}"`,
  /** `code` is already inline code (markdown.ts). */
  variableValue: (code: string) => `Value: ${code}`,
  tooDeep: (limit: number) =>
    `This file nests brackets more than ${limit} levels deep here: it is not read further, so it gets no other checks or help.`,
  variableUndefined: (name: string, env: string) =>
    `{{${name}}} is defined nowhere: not in this file, a # @prompt, the environment ${env}, nor $shared. Define it (@${name} = value) or select the environment that has it.`,
  environmentLabel: (name: string) => (name ? `"${name}"` : '(none selected)'),
  variableInOtherEnvironments: (name: string, envs: readonly string[], selected: string) =>
    `{{${name}}} is defined in the environment${envs.length === 1 ? '' : 's'} ${envs.join(', ')}, not in the selected one ${selected}: select ${envs.length === 1 ? 'it' : 'one of them'} (IMS: Select .http Environment, or the status bar).`,
  selectEnvironment: (env: string) => `Select the .http environment "${env}"`,
  scriptHover: (kind: string, dialect: string, file: string | undefined, sets: string[]) =>
    [
      `**${dialect}: ${kind}**${file ? ` in ${inlineCode(file)}` : ''}`,
      'Skipped as code: this extension neither runs nor checks it; the tool that sends the request does.',
      ...(sets.length ? [`Sets ${sets.join(', ')}: those names count as defined.`] : []),
    ].join('\n\n'),
  // the connected identity (client/access.ts sends it)
  identityHeading: (who: string, where: string) => `**You, as ${who}** (${where})`,
  identityLine: (heading: string, text: string) => `${heading}: ${text}`,
  identityAdministrator: () => 'allowed: a member of the admin group may do everything',
  identityAllowed: (by: string) => `allowed by ${by}`,
  identityDenied: (by: string) => `denied by ${by}`,
  identityNotGranted: (actions: string) => `not granted: no policy granted to you on this project allows ${actions}`,
  identityStatement: (policy: string, n: number) => `"${policy}", statement ${n}`,
  identityEnterpriseOnly: (policy: string, via: string, ep: string) =>
    `"${policy}" (through ${via}) is granted in enterprise project ${ep}, which cannot authorize IMS tag APIs.`,
};

export type Messages = typeof en;

const zh: Messages = {
  denyStatement: (n) => `第 ${n} 条 Deny 语句`,
  addBlankLine: () => '在请求体前加一个空行',
  emptyKey: (rule) => `标签键不能为空：${rule}。`,
  tagTooLong: (field, len, max) => `标签${field === 'key' ? '键' : '值'}长 ${len} 个字符；IMS 最多接受 ${max} 个。`,
  keyRule: (v, rule) => `标签键 ${v} 不符合规则：${rule}。`,
  valueRule: (v, rule) => `标签值 ${v} 不符合规则：${rule}。`,
  tooMany: (field, n, max, note) => `"${field}" 有 ${n} 项；最多 ${max} 项${note}。`,
  tagsPerImage: (strict, loose) => `（各接口页面写每个镜像 ${strict} 个标签，标签格式页面写 ${loose} 个）`,
  duplicateKey: (k) => `标签键 "${k}" 在此列表中出现了两次；键必须唯一。`,
  and: () => ' 和 ',
  or: () => ' 或 ',
  replaceWith: (v) => `替换为 "${v}"`,
  addToStatement: (a) => `将 "${a}" 添加到此语句`,
  removeRedundant: () => '删除多余的授权项',
  rewriteAs: (id) => `改写为 ${id}`,
  addContentType: (v) => `添加 "Content-Type: ${v}"`,
  useMethod: (m) => `使用 ${m}`,
  grantIn: (actions, file, n) => `在 ${file}（第 ${n} 条语句）中授予 ${actions}`,
  tableApi: () => 'IMS 标签接口',
  tableMethod: () => '方法和路径',
  iamProject: () => 'IAM 项目',
  enterpriseProject: () => '企业项目',
  enterpriseProjectInline: () => '企业项目',
  alsoNeeds: () => '还需要',
  dependentActions: () => '依赖的授权项',
  noTagApi: () => '不授权任何 IMS 标签接口。',
  unknownActionHover: (near) =>
    `不是已知的 IMS 授权项，不授予任何权限。${near.length ? `您是否想输入 ${near.map((n) => `\`${n}\``).join(' 或 ')}？` : ''}`,
  matchesActions: (n) => `匹配 ${n} 个 IMS 授权项`,
  otherApis: () => '其他接口',
  unconfirmedAction: () => '仅确认了名称（IAM 5.0 授权项表仅部分可读）。',
  deprecated: () => '已废弃',
  tagApisUnlocked: () => '可调用的标签接口',
  needs: (actions) => `需要 ${actions}`,
  needsHint: (actions) => `需要 ${actions}`,
  actionsNeeded: () => '需要的授权项',
  successStatus: () => '成功状态码',
  notIdempotent: () => '非幂等',
  deprecatedUse: (replacements) => `已废弃，请改用 ${replacements.join(' 或 ')}`,
  documentation: () => '文档',
  operatorProbable: () => '（可能支持，文档未能确认）',
  ifExistsShort: () => '请求中没有该键时条件也成立。',
  conditionOperator: () => '条件运算符',
  ifExistsHover: () => '`IfExists`：请求中没有该键时条件也成立。',
  operatorProbableHover: () => '_可能支持：文档中完整的运算符列表未能确认。_',
  versionLimits: (st, ac, co, re, len) =>
    `限制：最多 ${st} 条语句、每条 ${ac} 个授权项、${co} 个条件、${re} 个资源（每个不超过 ${len} 个字符）。`,
  statementHint: (allow, n, total, conditional) =>
    `${allow ? '允许' : '拒绝'} ${n}/${total} 个IMS标签接口${conditional ? '（有条件）' : ''}`,
  statementHintNone: (allow, total) => `${allow ? '允许' : '拒绝'} IMS 授权项，但不涉及 ${total} 个IMS标签接口中的任何一个`,
  none: () => '无',
  statementIn: (file, n, conditional) => `${file} 第 ${n} 条语句${conditional ? '（有条件）' : ''}`,
  noWorkspacePolicies: () => '_工作区中没有策略文件。_',
  deniedBy: () => '被拒绝：',
  allowedBy: () => '允许：',
  mayBeDeniedBy: () => '可能被拒绝：',
  allowedIfCondition: () => '仅在条件满足时允许：',
  grantedByNone: () => '没有策略授予',
  workspacePolicies: () => '**工作区策略**',
  terraformPolicyOf: (address) => `_位于 ${address}。_`,
  tagKeyInPolicies: (key) => `**标签 \`${key}\` 决定访问权限：**以下工作区策略的条件引用了它。`,
  tagKeyInNoPolicy: (key) => `没有工作区策略在条件中引用标签 \`${key}\`。`,
  andMore: (n) => `- ……另有 ${n} 条`,
  variableNoValueYet: () => '暂无值：发送请求时询问或从响应中读取。',
  requestVariableDetail: (name) => `请求变量：“${name}”最近一次的响应`,
  variableValue: (code) => `值：${code}`,
  tooDeep: (limit) => `此文件在此处的括号嵌套超过 ${limit} 层：不再继续读取，因此没有其他检查和帮助。`,
  variableUndefined: (name, env) =>
    `{{${name}}} 未在任何地方定义：本文件、# @prompt、环境 ${env} 和 $shared 中都没有。请定义它（@${name} = 值）或选择包含它的环境。`,
  environmentLabel: (name) => (name ? `“${name}”` : '（未选择）'),
  variableInOtherEnvironments: (name, envs, selected) =>
    `{{${name}}} 定义在环境 ${envs.join('、')} 中，而非当前选择的环境 ${selected}：请选择${envs.length === 1 ? '该环境' : '其中之一'}（IMS: 选择 .http 环境，或点击状态栏）。`,
  selectEnvironment: (env) => `选择 .http 环境“${env}”`,
  scriptHover: (kind, dialect, file, sets) =>
    [
      `**${dialect}：${SCRIPT_KIND_ZH[kind] ?? kind}**${file ? `（${inlineCode(file)}）` : ''}`,
      '作为代码跳过：本扩展既不运行也不检查它，由发送请求的工具执行。',
      ...(sets.length ? [`设置了 ${sets.join('、')}：这些名称视为已定义。`] : []),
    ].join('\n\n'),
  identityHeading: (who, where) => `**当前身份 ${who}**（${where}）`,
  identityLine: (heading, text) => `${heading}：${text}`,
  identityAdministrator: () => '允许：admin 用户组的成员拥有全部权限',
  identityAllowed: (by) => `允许：${by}`,
  identityDenied: (by) => `被拒绝：${by}`,
  identityNotGranted: (actions) => `未授权：本项目上授予您的策略都不允许 ${actions}`,
  identityStatement: (policy, n) => `“${policy}” 第 ${n} 条语句`,
  identityEnterpriseOnly: (policy, via, ep) =>
    `“${policy}”（通过 ${via}）授予在企业项目 ${ep} 上，企业项目授权对IMS标签接口无效。`,
};

export function messages(lang: Lang): Messages {
  return lang === 'zh' ? zh : en;
}
