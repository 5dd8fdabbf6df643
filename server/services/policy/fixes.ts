/** What a quick fix can do for a policy diagnostic; carried in `Diagnostic.data` (policyCodeActions.ts applies it). */
export type PolicyFix =
  { kind: 'replace'; values: string[] } | { kind: 'addAction'; action: string; statement: number } | { kind: 'removeItem' };

export interface PolicyDiagnosticData {
  fix?: PolicyFix;
}
