/**
 * Diagnostics of `{{variables}}` in .http files: a name that no source defines (only when every source
 * could be read, naming the environment used), a system variable written wrongly, a request variable
 * that names no request or reads the response the wrong way, a variable that refers to itself or expands
 * past the size limit.
 */
import { DiagnosticSeverity, Range, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { variableReferences } from '../../core/http/variables/references';
import { resolveReference } from '../../core/http/variables/resolver';
import { messages } from './messages';
import type { ParsedHttp } from './parsedHttp';
import { DIAGNOSTIC_SOURCE } from './policyDiagnostics';

export const VariableCode = {
  undefinedVariable: 'undefined-variable',
  systemVariable: 'system-variable',
  requestVariable: 'request-variable',
  variableExpansion: 'variable-expansion',
  variableFileRefused: 'variable-file-refused',
} as const;

/** At most this many variable-expansion warnings per document for one problem. */
const MAX_EXPANSION_DIAGNOSTICS = 20;

export function variableDiagnostics(doc: TextDocument, parsed: ParsedHttp, lang: 'en' | 'zh'): Diagnostic[] {
  if (!parsed.text.includes('{{')) return [];
  const m = messages(lang);
  const env = parsed.variableSources.environment;
  // Without a clock or the machine's environment: only the syntax of system variables is judged here
  // ($processEnv and $dotenv depend on the machine that sends).
  const inputs = { ...parsed.inputs, system: undefined };
  // A source that could not be read may define the name: then nothing is called undefined.
  const judgeUndefined = env.problems.length === 0;
  const out: Diagnostic[] = [];
  const expansions = new Map<string, number>();
  const add = (start: number, end: number, severity: DiagnosticSeverity, code: string, message: string) =>
    out.push({
      range: Range.create(doc.positionAt(start), doc.positionAt(end)),
      severity,
      code,
      source: DIAGNOSTIC_SOURCE,
      message,
    });
  const check = (text: string, base: number) => {
    for (const ref of variableReferences(text)) {
      const request = parsed.requestAt(base + ref.start);
      const r = resolveReference(inputs, ref, request);
      const [start, end] = [base + ref.start, base + ref.end];
      if (!r) {
        if (ref.kind === 'plain' && env.refused?.length)
          add(
            start,
            end,
            DiagnosticSeverity.Warning,
            VariableCode.variableFileRefused,
            m.variableFileRefused(ref.name, env.refused),
          );
        else if (ref.kind === 'request')
          add(start, end, DiagnosticSeverity.Warning, VariableCode.requestVariable, m.noNamedRequest(ref.name));
        else if (judgeUndefined)
          add(
            start,
            end,
            DiagnosticSeverity.Warning,
            VariableCode.undefinedVariable,
            m.variableUndefined(ref.name, m.environmentLabel(env.name)),
          );
        continue;
      }
      if (ref.name === '$dotenv' && parsed.variableSources.dotenvRefused) {
        const refused = [parsed.variableSources.dotenvRefused];
        add(start, end, DiagnosticSeverity.Warning, VariableCode.variableFileRefused, m.variableFileRefused(ref.expr, refused));
        continue;
      }
      if (r.problem) {
        // One problem below spreads to every variable built on it: the first ones of each say it.
        const seen = expansions.get(r.problem) ?? 0;
        expansions.set(r.problem, seen + 1);
        if (seen < MAX_EXPANSION_DIAGNOSTICS)
          add(start, end, DiagnosticSeverity.Warning, VariableCode.variableExpansion, m.variableExpansion(ref.name, r.problem));
        continue;
      }
      if (!r.error) continue;
      if (r.source === 'system')
        add(start, end, DiagnosticSeverity.Error, VariableCode.systemVariable, m.systemVariableError(ref.expr, r.error));
      else if (r.source === 'request' && r.value === undefined && !inputs.responses)
        add(start, end, DiagnosticSeverity.Error, VariableCode.requestVariable, m.requestVariableError(ref.expr, r.error));
    }
  };
  // Every line that may hold references: file variables' values, request lines, headers, bodies.
  for (const v of parsed.file.variables) check(parsed.text.slice(v.valueSpan.start, v.valueSpan.end), v.valueSpan.start);
  for (const r of parsed.file.requests) {
    check(parsed.text.slice(r.requestLine.start, r.requestLine.end), r.requestLine.start);
    for (const h of r.headers) check(h.value.text, h.value.span.start);
    if (r.body && !r.body.file) check(r.body.text, r.body.span.start);
  }
  return out;
}
