/**
 * What IAM, STS and IAM Access Analyzer answer, as the client reads it: the fields of the SDK's response
 * models that the extension uses (docs/sources.md §I.1, §I.2). The client is iamClient.ts.
 */
export interface RoleJson {
  id: string;
  name: string;
  display_name: string;
  type: 'AX' | 'XA';
  description: string;
  description_cn?: string | null;
  domain_id?: string | null;
  references?: number;
  created_time?: string;
  updated_time?: string;
  policy: unknown;
}

export interface PolicyV5Json {
  policy_id: string;
  policy_name: string;
  default_version_id: string;
  attachment_count: number;
  description?: string;
  urn?: string;
  created_at?: string;
  updated_at?: string;
}

export interface PolicyVersionJson {
  version_id: string;
  document: string;
  is_default: boolean;
  created_at?: string;
}

export interface RoleAssignmentJson {
  role: { id: string };
  group?: { id: string };
  user?: { id: string };
  scope: { project?: { id: string }; domain?: { id: string }; enterprise_project?: { id: string } };
  is_inherited?: boolean;
}

/** A place in the policy text, as Access Analyzer gives it (the Go SDK's Position: line from 1, column and offset from 0). */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** One ValidatePolicyFinding (iamaccessanalyzer/v1 model_validate_policy_finding.go). */
export interface ValidationFinding {
  finding_type: 'error' | 'warning' | 'suggestion' | 'security_warning';
  issue_code: string;
  finding_details: string;
  learn_more_link: string;
  locations: Array<{
    path: Array<{ index?: number; key?: string; value?: string; substring?: { start: number; length: number } }>;
    span: { start: Position; end: Position };
  }>;
}

/** CheckNoNewAccess's answer (model_check_no_new_access_response.go). */
export interface NoNewAccessResult {
  check_result: 'pass' | 'fail';
  message?: string;
  reasons?: Array<{ description?: string; statement_id?: string; statement_index?: number }>;
}

/** GetCallerIdentity of STS (sts/v1 model_get_caller_identity_response.go): no name, the URN carries it. */
export interface CallerIdentity {
  account_id?: string;
  principal_id: string;
  principal_urn?: string;
}

/** The user name in a principal URN (`iam::<account>:user:<name>`), or undefined for another kind. */
export function principalName(urn: string | undefined): string | undefined {
  const m = /^iam::[^:]*:user:(.+)$/.exec(urn ?? '');
  return m?.[1];
}
