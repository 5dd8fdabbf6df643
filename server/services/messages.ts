/**
 * The language server's messages (diagnostics and quick-fix titles) in English and Simplified Chinese.
 * `zh` has the type of `en`, so a message missing in one language does not compile.
 */
import type { Lang } from '../../core/catalogue';

const q = (values: string[], or: string) => values.map((v) => `'${v}'`).join(or);

const en = {
  // policies
  invalidVersion: (v: string) =>
    `Invalid Version ${v}: use "1.1" (fine-grained policy), "5.0" (identity policy) or "1.0" (role), as a string.`,
  statementN: (n: number) => `Statement ${n}`,
  thePolicy: () => 'The policy',
  missing: (where: string, key: string) =>
    `${where} is missing "${key}".${key === 'Version' ? ' Add "Version": "1.1".' : key === 'Effect' ? ' Add "Effect": "Allow" or "Deny".' : ''}`,
  noAction: (where: string, v5: boolean) =>
    `${where} has no "Action"${v5 ? ' or "NotAction"' : ''}: list the actions it applies to.`,
  resourceAndNot: (where: string) => `${where} has both "Resource" and "NotResource": use one of them.`,
  actionAndNot: (where: string) => `${where} has both "Action" and "NotAction": use one of them.`,
  keyOfVersion: (key: string, versions: string, version?: string) =>
    `"${key}" is allowed only in Version ${versions} statements${version ? `, not in ${version}` : ''}.`,
  unknownKey: (key: string, near?: string) => `Unknown statement key "${key}".${near ? ` Did you mean "${near}"?` : ''}`,
  mustBe: (what: string, type: string) => `${what} must be ${type}.`,
  jsonSyntax: (error: string, more: number) =>
    `JSON syntax error: ${error}${more ? ` (${more} more after it)` : ''}. IAM accepts only valid JSON.`,
  resourceForms: (key: string) => `"${key}" must be a list of strings, one string, or {"uri": [...]} (agency policies).`,
  principalForms: (key: string) => `"${key}" must be "*" or an object of lists, e.g. {"IAM": ["…"]}.`,
  eachEntry: (owner: string) => `Each "${owner}" entry`,
  arrayOfStrings: () => 'an array of strings',
  aType: (t: string) => `a ${t}`,
  otherStructure: (where: string, detail: string) => `${where}: ${detail}.`,
  segments: (v: string, n: number) =>
    `Malformed action "${v}": an action has three parts, service:resourceType:operation (found ${n}).`,
  emptySegment: (v: string) => `Malformed action "${v}": service, resource type and operation must not be empty (use * for any).`,
  upperService: (v: string, fixed: string) =>
    `Upper-case service in "${v}": the policy grammar writes services in lower case ("${fixed}"). Huawei's own examples use upper case and IAM accepts them, but whether IAM matches them to the service's lower-case actions is not documented.`,
  badChars: (v: string, chars: string) => `Malformed action "${v}": unexpected character(s) ${JSON.stringify(chars)}.`,
  noMatch: (v: string) => `"${v}" matches no known IMS action.`,
  unknownAction: (v: string, near: string[]) =>
    `Unknown IMS action "${v}".${near.length ? ` Did you mean ${q(near, ' or ')}?` : ''}`,
  listedTwice: (v: string) => `"${v}" is listed twice in this statement.`,
  coveredBy: (v: string, by: string) => `"${v}" is already covered by "${by}" in this statement.`,
  tooManyActions: (n: number, max: number) =>
    `This statement lists ${n} actions; IAM allows at most ${max} per statement. Use a wildcard or split the statement.`,
  tooManyResources: (n: number, max: number) => `This statement lists ${n} resources; IAM allows at most ${max}.`,
  resourceTooLong: (n: number, max: number) => `Resource is ${n} characters long; IAM allows at most ${max}.`,
  tooManyConditions: (n: number, max: number) => `This statement has ${n} conditions; IAM allows at most ${max}.`,
  tooManyStatements: (n: number, max: number) => `The policy has ${n} statements; IAM allows at most ${max}.`,
  unknownOperator: (op: string, near: string[]) =>
    `Unknown condition operator "${op}".${near.length ? ` Did you mean ${q(near, ' or ')}?` : ''}`,
  invalidEffect: (v: string) => `Invalid Effect "${v}": use "Allow" or "Deny" (case-sensitive).`,
  overridden: (statements: string) =>
    `This Allow has no effect: Deny statement ${statements} denies every action it allows (Deny wins).`,
  denyStatement: (n: number) => `Deny statement ${n}`,
  missingDependency: (action: string, dep: string, apis: string) =>
    `This statement grants "${action}" but the policy does not grant "${dep}": ${apis} need both.`,
  moreProblems: (n: number) => `${n} more problems in this policy are not shown; fix the ones above first.`,
  // .http
  unknownPath: (path: string, suggestions: string[]) =>
    `"${path}" is not an IMS tag API path.${suggestions.length ? ` Did you mean ${suggestions.map((p) => `"${p}"`).join(' or ')}?` : ''}`,
  wrongMethod: (method: string, methods: string, apis: string) =>
    `${method} is not supported on this IMS path: use ${methods} (${apis}).`,
  deprecatedApi: (id: string, title: string, to: string, target: string) =>
    `${id} (${title}) is a deprecated OpenStack-native API: use ${to} (${target}).`,
  noBody: (id: string) => `${id} takes no request body.`,
  bodyNeedsBlankLine: (id: string) =>
    `This ${id} body follows the request line without a blank line, so no .http tool reads it as the body: add a blank line before the body.`,
  addBlankLine: () => 'Add a blank line before the body',
  docPlaceholder: (placeholder: string) =>
    `${placeholder} is the API page's placeholder, not a variable: no .http tool fills single braces. Write the endpoint (ims.<region>.myhuaweicloud.com) or a {{variable}}.`,
  needsBody: (id: string, example: string) => `${id} needs a JSON body, for example: ${example}`,
  noContentType: (ct: string) => `The JSON body has no Content-Type header: add "Content-Type: ${ct}".`,
  notJson: (detail: string) => `The body is not valid JSON (${detail}).`,
  missingProperty: (p: string, id: string) => `Missing required property "${p}" in the ${id} body.`,
  unknownProperty: (p: string, id: string) => `"${p}" is not a property of the ${id} body.`,
  notAllowed: (v: string, allowed: string) => `${v} is not allowed here: use ${allowed} (case-sensitive).`,
  fieldType: (field: string, type: string, stringsHint: boolean) =>
    `"${field}" must be ${type === 'array' || type === 'object' ? 'an' : 'a'} ${type}${stringsHint ? ' (ListImageByTags takes limit and offset as strings)' : ''}.`,
  emptyKey: (rule: string) => `A tag key must not be empty: ${rule}.`,
  notEmpty: (field: string) => `"${field}" must not be empty.`,
  tagTooLong: (field: string, len: number, max: number) => `Tag ${field} is ${len} characters; IMS accepts at most ${max}.`,
  tooLong: (field: string, len: number, max: number) => `"${field}" is ${len} characters; at most ${max}.`,
  keyRule: (v: string, rule: string) => `Tag key ${v} breaks the key rule: ${rule}.`,
  blankKey: () => 'A tag key must not be blank.',
  valueRule: (v: string, rule: string) => `Tag value ${v} breaks the value rule: ${rule}.`,
  limitFormat: () => '"limit" must be a string of digits from "1" to "1000".',
  offsetFormat: () => '"offset" must be a string of digits, "0" or more.',
  wrongFormat: (field: string) => `"${field}" has the wrong format.`,
  emptyList: (field: string) => `"${field}" must not be an empty list: leave it out instead.`,
  tooMany: (field: string, n: string, max: number, note: string) => `"${field}" has ${n} entries; at most ${max}${note}.`,
  tagsPerImage: (strict: number, loose: number) =>
    ` (the per-API pages say ${strict} tags an image, the tag-format page ${loose})`,
  sameTwice: (field: string) => `"${field}" lists the same value twice.`,
  tagOrImageTag: () => 'Use exactly one of "tag" (the legacy "key.value" string) and "image_tag" ({"key", "value"}).',
  duplicateKey: (k: string) => `Tag key "${k}" appears twice in this list; keys must be unique.`,
  denied: (id: string, action: string, by: string) => `${id} is denied: "${action}" is denied by ${by}.`,
  notGranted: (actions: string, id: string) => `No policy in the workspace grants ${actions}, which ${id} needs.`,
  allowedIf: () => 'is allowed only under a Condition',
  deniedIf: () => 'may be denied under a Condition',
  conditional: (action: string, what: string, refs: string) => `"${action}" ${what} (${refs}): it may not apply to this request.`,
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
  terraformVersion: (resource: string, expected: string, found: string) =>
    `${resource} takes a Version ${expected} policy; this one is Version ${found}, so it is checked by the ${found} rules and IAM may refuse it here.`,
  terraformPolicyOf: (address: string) => `_In ${address}._`,
  // .http variables
  variableNoValueYet: () => 'No value yet: asked for, or read from a response, when the request is sent.',
  requestVariableDetail: (name: string) => `request variable: the last response of "${name}"`,
  /** `code` is already inline code (markdown.ts). */
  variableValue: (code: string) => `Value: ${code}`,
  tooDeep: (limit: number) =>
    `This file nests brackets more than ${limit} levels deep here: it is not read further, so it gets no other checks or help.`,
  variableFileRefused: (name: string, refused: readonly string[]) =>
    `{{${name}}} may be defined in a file that was not read. ${refused.join('. ')}.`,
  variableExpansion: (name: string, problem: string) =>
    `{{${name}}} ${problem}: its value is not built here, and Send refuses the request.`,
  variableUndefined: (name: string, env: string) =>
    `{{${name}}} is defined nowhere: not in this file, a # @prompt, the environment ${env}, nor $shared. Define it (@${name} = value) or select the environment that has it.`,
  environmentLabel: (name: string) => (name ? `"${name}"` : '(none selected)'),
  systemVariableError: (expr: string, error: string) => `{{${expr}}}: ${error}.`,
  requestVariableError: (expr: string, error: string) => `{{${expr}}}: ${error}.`,
  noNamedRequest: (name: string) => `{{${name}.response…}} names no request: add "# @name ${name}" above the request it reads.`,
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
  identityRefused: (who: string, id: string, why: string) => `You, as ${who}, may not call ${id}: ${why}.`,
};

export type Messages = typeof en;

const zh: Messages = {
  invalidVersion: (v) => `无效的 Version ${v}：请使用字符串 "1.1"（细粒度策略）、"5.0"（身份策略）或 "1.0"（角色）。`,
  statementN: (n) => `第 ${n} 条语句`,
  thePolicy: () => '策略',
  missing: (where, key) =>
    `${where}缺少 "${key}"。${key === 'Version' ? '请添加 "Version": "1.1"。' : key === 'Effect' ? '请添加 "Effect": "Allow" 或 "Deny"。' : ''}`,
  noAction: (where, v5) => `${where}没有 "Action"${v5 ? ' 或 "NotAction"' : ''}：请列出它适用的授权项。`,
  resourceAndNot: (where) => `${where}同时有 "Resource" 和 "NotResource"：只能用其中一个。`,
  actionAndNot: (where) => `${where}同时有 "Action" 和 "NotAction"：只能用其中一个。`,
  keyOfVersion: (key, versions, version) =>
    `"${key}" 只能用于 Version ${versions} 的语句${version ? `，不能用于 ${version}` : ''}。`,
  unknownKey: (key, near) => `未知的语句键 "${key}"。${near ? `您是否想输入 "${near}"？` : ''}`,
  jsonSyntax: (error, more) => `JSON 语法错误：${error}${more ? `（其后还有 ${more} 处）` : ''}。IAM 只接受合法的 JSON。`,
  resourceForms: (key) => `"${key}" 必须是字符串列表、单个字符串，或 {"uri": [...]}（委托策略）。`,
  principalForms: (key) => `"${key}" 必须是 "*" 或由列表组成的对象，例如 {"IAM": ["…"]}。`,
  mustBe: (what, type) => `${what}必须是${type}。`,
  eachEntry: (owner) => `"${owner}" 的每一项`,
  arrayOfStrings: () => '字符串数组',
  aType: (t) =>
    (({ string: '字符串', object: '对象', array: '数组', boolean: '布尔值', number: '数字' }) as Record<string, string>)[t] ?? t,
  otherStructure: (where, detail) => `${where}：${detail}。`,
  segments: (v, n) => `授权项 "${v}" 格式错误：授权项由三部分组成，服务:资源类型:操作（实际为 ${n} 部分）。`,
  emptySegment: (v) => `授权项 "${v}" 格式错误：服务、资源类型和操作都不能为空（任意请用 *）。`,
  upperService: (v, fixed) =>
    `"${v}" 的服务名是大写：策略语法要求服务名小写（"${fixed}"）。华为云自己的示例使用大写且 IAM 接受，但文档未说明 IAM 是否会将其匹配到该服务的小写授权项。`,
  badChars: (v, chars) => `授权项 "${v}" 格式错误：含有意外的字符 ${JSON.stringify(chars)}。`,
  noMatch: (v) => `"${v}" 不匹配任何已知的 IMS 授权项。`,
  unknownAction: (v, near) => `未知的 IMS 授权项 "${v}"。${near.length ? `您是否想输入 ${q(near, ' 或 ')}？` : ''}`,
  listedTwice: (v) => `"${v}" 在此语句中出现了两次。`,
  coveredBy: (v, by) => `"${v}" 已被此语句中的 "${by}" 覆盖。`,
  tooManyActions: (n, max) => `此语句列出了 ${n} 个授权项；IAM 每条语句最多允许 ${max} 个。请使用通配符或拆分语句。`,
  tooManyResources: (n, max) => `此语句列出了 ${n} 个资源；IAM 最多允许 ${max} 个。`,
  resourceTooLong: (n, max) => `资源长 ${n} 个字符；IAM 最多允许 ${max} 个。`,
  tooManyConditions: (n, max) => `此语句有 ${n} 个条件；IAM 最多允许 ${max} 个。`,
  tooManyStatements: (n, max) => `策略有 ${n} 条语句；IAM 最多允许 ${max} 条。`,
  unknownOperator: (op, near) => `未知的条件运算符 "${op}"。${near.length ? `您是否想输入 ${q(near, ' 或 ')}？` : ''}`,
  invalidEffect: (v) => `无效的 Effect "${v}"：请使用 "Allow" 或 "Deny"（区分大小写）。`,
  overridden: (statements) => `此 Allow 不起作用：第 ${statements} 条 Deny 语句拒绝了它允许的所有授权项（Deny 优先）。`,
  denyStatement: (n) => `第 ${n} 条 Deny 语句`,
  missingDependency: (action: string, dep: string, apis: string) =>
    `此语句授予 "${action}"，但策略没有授予 "${dep}"：${apis} 两者都需要。`,
  moreProblems: (n) => `此策略还有 ${n} 个问题未显示；请先修正上面的问题。`,
  unknownPath: (path, suggestions) =>
    `"${path}" 不是 IMS 标签接口的路径。${suggestions.length ? `您是否想输入 ${suggestions.map((p) => `"${p}"`).join(' 或 ')}？` : ''}`,
  wrongMethod: (method, methods, apis) => `此 IMS 路径不支持 ${method}：请使用 ${methods}（${apis}）。`,
  deprecatedApi: (id, title, to, target) => `${id}（${title}）是已废弃的 OpenStack 原生接口：请改用 ${to}（${target}）。`,
  noBody: (id) => `${id} 不接受请求体。`,
  bodyNeedsBlankLine: (id) =>
    `此 ${id} 请求体紧跟在请求行之后，中间没有空行，任何 .http 工具都不会把它当作请求体：请在请求体前加一个空行。`,
  addBlankLine: () => '在请求体前加一个空行',
  docPlaceholder: (placeholder) =>
    `${placeholder} 是 API 文档中的占位符，不是变量：.http 工具不会替换单花括号。请写出终端节点（ims.<region>.myhuaweicloud.com）或使用 {{变量}}。`,
  needsBody: (id, example) => `${id} 需要 JSON 请求体，例如：${example}`,
  noContentType: (ct) => `JSON 请求体缺少 Content-Type 请求头：请添加 "Content-Type: ${ct}"。`,
  notJson: (detail) => `请求体不是有效的 JSON（${detail}）。`,
  missingProperty: (p, id) => `${id} 请求体缺少必填属性 "${p}"。`,
  unknownProperty: (p, id) => `"${p}" 不是 ${id} 请求体的属性。`,
  notAllowed: (v, allowed) => `这里不允许 ${v}：请使用 ${allowed}（区分大小写）。`,
  fieldType: (field, type, stringsHint) =>
    `"${field}" 必须是${({ string: '字符串', object: '对象', array: '数组', boolean: '布尔值', number: '数字' } as Record<string, string>)[type] ?? type}${stringsHint ? '（ListImageByTags 的 limit 和 offset 是字符串）' : ''}。`,
  emptyKey: (rule) => `标签键不能为空：${rule}。`,
  notEmpty: (field) => `"${field}" 不能为空。`,
  tagTooLong: (field, len, max) => `标签${field === 'key' ? '键' : '值'}长 ${len} 个字符；IMS 最多接受 ${max} 个。`,
  tooLong: (field, len, max) => `"${field}" 长 ${len} 个字符；最多 ${max} 个。`,
  keyRule: (v, rule) => `标签键 ${v} 不符合规则：${rule}。`,
  blankKey: () => '标签键不能为空白。',
  valueRule: (v, rule) => `标签值 ${v} 不符合规则：${rule}。`,
  limitFormat: () => '"limit" 必须是 "1" 到 "1000" 的数字字符串。',
  offsetFormat: () => '"offset" 必须是大于等于 "0" 的数字字符串。',
  wrongFormat: (field) => `"${field}" 格式错误。`,
  emptyList: (field) => `"${field}" 不能是空列表：不需要时请省略。`,
  tooMany: (field, n, max, note) => `"${field}" 有 ${n} 项；最多 ${max} 项${note}。`,
  tagsPerImage: (strict, loose) => `（各接口页面写每个镜像 ${strict} 个标签，标签格式页面写 ${loose} 个）`,
  sameTwice: (field) => `"${field}" 中有重复的值。`,
  tagOrImageTag: () => '"tag"（旧的 "key.value" 字符串）和 "image_tag"（{"key", "value"}）只能且必须使用其中一个。',
  duplicateKey: (k) => `标签键 "${k}" 在此列表中出现了两次；键必须唯一。`,
  denied: (id, action, by) => `${id} 被拒绝："${action}" 被 ${by} 拒绝。`,
  notGranted: (actions, id) => `工作区中没有策略授予 ${id} 需要的 ${actions}。`,
  allowedIf: () => '仅在条件满足时被允许',
  deniedIf: () => '在条件满足时可能被拒绝',
  conditional: (action, what, refs) => `"${action}" ${what}（${refs}）：对此请求可能不适用。`,
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
  terraformVersion: (resource, expected, found) =>
    `${resource} 需要 Version ${expected} 的策略；此策略为 Version ${found}，按 ${found} 的规则检查，IAM 可能在此拒绝它。`,
  terraformPolicyOf: (address) => `_位于 ${address}。_`,
  variableNoValueYet: () => '暂无值：发送请求时询问或从响应中读取。',
  requestVariableDetail: (name) => `请求变量：“${name}”最近一次的响应`,
  variableValue: (code) => `值：${code}`,
  tooDeep: (limit) => `此文件在此处的括号嵌套超过 ${limit} 层：不再继续读取，因此没有其他检查和帮助。`,
  variableFileRefused: (name, refused) => `{{${name}}} 可能定义在未读取的文件中。${refused.join('。')}。`,
  variableExpansion: (name, problem) => `{{${name}}} ${problem}：此处不生成其值，“发送”也会拒绝该请求。`,
  variableUndefined: (name, env) =>
    `{{${name}}} 未在任何地方定义：本文件、# @prompt、环境 ${env} 和 $shared 中都没有。请定义它（@${name} = 值）或选择包含它的环境。`,
  environmentLabel: (name) => (name ? `“${name}”` : '（未选择）'),
  systemVariableError: (expr, error) => `{{${expr}}}：${error}。`,
  requestVariableError: (expr, error) => `{{${expr}}}：${error}。`,
  noNamedRequest: (name) => `{{${name}.response…}} 没有对应的请求：请在它读取的请求上方添加 “# @name ${name}”。`,
  identityHeading: (who, where) => `**当前身份 ${who}**（${where}）`,
  identityLine: (heading, text) => `${heading}：${text}`,
  identityAdministrator: () => '允许：admin 用户组的成员拥有全部权限',
  identityAllowed: (by) => `允许：${by}`,
  identityDenied: (by) => `被拒绝：${by}`,
  identityNotGranted: (actions) => `未授权：本项目上授予您的策略都不允许 ${actions}`,
  identityStatement: (policy, n) => `“${policy}” 第 ${n} 条语句`,
  identityEnterpriseOnly: (policy, via, ep) =>
    `“${policy}”（通过 ${via}）授予在企业项目 ${ep} 上，企业项目授权对IMS标签接口无效。`,
  identityRefused: (who, id, why) => `当前身份 ${who} 不能调用 ${id}：${why}。`,
};

export function messages(lang: Lang): Messages {
  return lang === 'zh' ? zh : en;
}
