/** Diagnostics for Terraform documents: every check of the registry (terraform/checks/index.ts), into one sink. */
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSink } from '../checks/check';
import type { ParsedTerraform } from '../parsedTerraform';
import type { ServiceContext } from '../serviceContext';
import { TERRAFORM_CHECKS } from './checks';

export function terraformDiagnostics(doc: TextDocument, parsed: ParsedTerraform, ctx: ServiceContext): Diagnostic[] {
  const sink = new DiagnosticSink(doc, ctx.lang);
  for (const check of TERRAFORM_CHECKS) check.run(sink, { doc, parsed, ctx });
  return sink.list;
}
