/** What every policy check is handed: the document, its parse and model, the known Version, the service context. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { POLICY_VERSIONS, type PolicyVersion } from '../../../../core/catalogue';
import type { PolicyModel } from '../../../../core/policy/policyDocument';
import type { ParsedPolicy } from '../../parsedPolicy';
import type { ServiceContext } from '../../serviceContext';

export interface PolicyCheckInput {
  doc: TextDocument;
  parsed: ParsedPolicy;
  model: PolicyModel;
  /** The Version when it is one IAM knows, else undefined (the version check reports it). */
  version: PolicyVersion | undefined;
  ctx: ServiceContext;
}

export function knownVersion(model: PolicyModel): PolicyVersion | undefined {
  return (POLICY_VERSIONS as readonly string[]).includes(model.version ?? '') ? (model.version as PolicyVersion) : undefined;
}
