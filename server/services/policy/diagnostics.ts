/**
 * Diagnostics for policy documents: every check of the registry (checks/index.ts) over the document's
 * model, into one sink. Every finding has a stable code (docs/checks.md) and the exact range of the JSON
 * node it is about.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSink } from '../checks/check';
import type { ParsedPolicy } from '../parsedPolicy';
import type { ServiceContext } from '../serviceContext';
import { POLICY_CHECKS } from './checks';
import { knownVersion } from './checks/input';

export function computeDiagnostics(doc: TextDocument, parsed: ParsedPolicy, ctx: ServiceContext): Diagnostic[] {
  const model = parsed.model;
  if (!model) return [];
  const sink = new DiagnosticSink(doc, ctx.lang);
  const input = { doc, parsed, model, version: knownVersion(model), ctx };
  for (const check of POLICY_CHECKS) check.run(sink, input);
  return sink.list;
}
