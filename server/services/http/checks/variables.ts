/**
 * `{{variables}}` of a .http document: a name no source defines (only when every source could be read,
 * naming the environment used), a system variable written wrongly, a request variable that names no
 * request or reads the response the wrong way, a variable that refers to itself or expands past the size
 * limit, and a name an env file that was not read may define.
 */
import { variableReferences } from '../../../../core/http/variables/references';
import { resolveReference } from '../../../../core/http/variables/resolver';
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import type { HttpDocumentInput } from './input';

const UNDEFINED = {
  code: 'undefined-variable',
  severity: DiagnosticSeverity.Warning,
  when: 'a `{{name}}` no source defines; names the environment used; never while an env file cannot be read',
  why: 'REST Client and the JetBrains client send the text `{{name}}` as it is (docs/sources.md §H).',
};
const OTHER_ENVIRONMENT = {
  code: 'environment-not-selected',
  severity: DiagnosticSeverity.Warning,
  when: 'a `{{name}}` only environments other than the selected one define (in http-client.env.json or the settings)',
  why: 'The selected environment fills the variables: with another selected, the text `{{name}}` is sent as it is (docs/sources.md §H).',
  fix: 'select an environment that defines it (IMS: Select .http Environment), one quick fix for each',
};
const SYSTEM = {
  code: 'system-variable',
  severity: DiagnosticSeverity.Error,
  when: 'a system variable written wrongly (`{{$randomInt 5}}`)',
  why: "The system variables' forms are fixed by REST Client (docs/sources.md §H).",
};
const REQUEST = {
  code: 'request-variable',
  severity: DiagnosticSeverity.Warning,
  severityNote: 'error when it reads the response the wrong way',
  when: '`{{x.response…}}` names no request, or reads the response the wrong way',
  why: 'A request variable reads the last response of a `# @name`d request (docs/sources.md §H).',
};
const EXPANSION = {
  code: 'variable-expansion',
  severity: DiagnosticSeverity.Warning,
  when: 'a variable that refers to itself, or expands past the size limit',
  why: 'Its value cannot be built; Send refuses the request rather than hang (docs/reliability-and-security.md).',
};
const FILE_REFUSED = {
  code: 'variable-file-refused',
  severity: DiagnosticSeverity.Warning,
  when: 'a name an env file or `.env` that was not read (a link out of the workspace, too large) may define',
  why: "Files of a stranger's repository are read only inside the workspace (docs/reliability-and-security.md).",
};

/** At most this many variable-expansion warnings per document for one problem. */
const MAX_EXPANSION_DIAGNOSTICS = 20;

export const variables = defineCheck({
  name: 'variables',
  languages: ['http'],
  codes: [UNDEFINED, OTHER_ENVIRONMENT, SYSTEM, REQUEST, EXPANSION, FILE_REFUSED],
  messages: {
    en: {
      variableFileRefused: (name: string, refused: readonly string[]) =>
        `{{${name}}} may be defined in a file that was not read. ${refused.join('. ')}.`,
      variableExpansion: (name: string, problem: string) =>
        `{{${name}}} ${problem}: its value is not built here, and Send refuses the request.`,
      systemVariableError: (expr: string, error: string) => `{{${expr}}}: ${error}.`,
      requestVariableError: (expr: string, error: string) => `{{${expr}}}: ${error}.`,
      noNamedRequest: (name: string) =>
        `{{${name}.response…}} names no request: add "# @name ${name}" above the request it reads (or title it "### ${name}").`,
    },
    zh: {
      variableFileRefused: (name, refused) => `{{${name}}} 可能定义在未读取的文件中。${refused.join('。')}。`,
      variableExpansion: (name, problem) => `{{${name}}} ${problem}：此处不生成其值，“发送”也会拒绝该请求。`,
      systemVariableError: (expr, error) => `{{${expr}}}：${error}。`,
      requestVariableError: (expr, error) => `{{${expr}}}：${error}。`,
      noNamedRequest: (name) =>
        `{{${name}.response…}} 没有对应的请求：请在它读取的请求上方添加 “# @name ${name}”（或以 “### ${name}” 为标题）。`,
    },
  },
  run(sink, { parsed }: HttpDocumentInput, m) {
    if (!parsed.text.includes('{{')) return;
    const env = parsed.variableSources.environment;
    // Without a clock or the machine's environment: only the syntax of system variables is judged here
    // ($processEnv and $dotenv depend on the machine that sends).
    const inputs = { ...parsed.inputs, system: undefined };
    // A source that could not be read may define the name: then nothing is called undefined.
    const judgeUndefined = env.problems.length === 0;
    const expansions = new Map<string, number>();
    const check = (text: string, base: number) => {
      for (const ref of variableReferences(text)) {
        const r = resolveReference(inputs, ref, parsed.requestAt(base + ref.start));
        const at = sink.at(base + ref.start, base + ref.end);
        if (!r) {
          if (ref.kind === 'plain' && env.refused?.length)
            sink.report(FILE_REFUSED, at, m.variableFileRefused(ref.name, env.refused));
          else if (ref.kind === 'request') sink.report(REQUEST, at, m.noNamedRequest(ref.name));
          else if (ref.kind === 'plain' && env.elsewhere?.has(ref.name)) {
            const envs = env.elsewhere.get(ref.name)!;
            sink.report(
              OTHER_ENVIRONMENT,
              at,
              sink.shared.variableInOtherEnvironments(ref.name, envs, sink.shared.environmentLabel(env.name)),
              {
                data: { fix: { kind: 'selectEnvironment', environments: [...envs] } },
              },
            );
          } else if (judgeUndefined)
            sink.report(UNDEFINED, at, sink.shared.variableUndefined(ref.name, sink.shared.environmentLabel(env.name)));
          continue;
        }
        if (ref.name === '$dotenv' && parsed.variableSources.dotenvRefused) {
          sink.report(FILE_REFUSED, at, m.variableFileRefused(ref.expr, [parsed.variableSources.dotenvRefused]));
          continue;
        }
        if (r.problem) {
          // One problem below spreads to every variable built on it: the first ones of each say it.
          const seen = expansions.get(r.problem) ?? 0;
          expansions.set(r.problem, seen + 1);
          if (seen < MAX_EXPANSION_DIAGNOSTICS) sink.report(EXPANSION, at, m.variableExpansion(ref.name, r.problem));
          continue;
        }
        if (!r.error) continue;
        if (r.source === 'system') sink.report(SYSTEM, at, m.systemVariableError(ref.expr, r.error));
        else if (r.source === 'request' && r.value === undefined && !inputs.responses)
          sink.report(REQUEST, at, m.requestVariableError(ref.expr, r.error), { severity: DiagnosticSeverity.Error });
      }
    };
    // Every line that may hold references: file variables' values, request lines, headers, bodies.
    for (const v of parsed.file.variables) check(parsed.text.slice(v.valueSpan.start, v.valueSpan.end), v.valueSpan.start);
    for (const r of parsed.file.requests) {
      check(parsed.text.slice(r.requestLine.start, r.requestLine.end), r.requestLine.start);
      for (const c of r.continuation) check(parsed.text.slice(c.start, c.end), c.start);
      for (const h of r.headers) check(h.value.text, h.value.span.start);
      if (r.body && !r.body.file) check(r.body.text, r.body.span.start);
    }
  },
});
