/**
 * The codes of the IMS tag rules, shared by the checks that apply them: tag bodies of .http requests
 * (http/checks/bodyContent.ts) and `tags` maps in Terraform (terraform/checks/tagMaps.ts). Their messages
 * are shared too (messages.ts: emptyKey, tagTooLong, keyRule, valueRule, tooMany, duplicateKey).
 */
import { DiagnosticSeverity, type CheckCode } from './check';

export const TAG_RULE: CheckCode = {
  code: 'tag-rule',
  severity: DiagnosticSeverity.Error,
  when: 'a tag key or value breaks the documented rule, or an image gets too many tags; the message quotes the rule',
  why: 'IMS refuses the request (docs/sources.md §A.1).',
};

export const DUPLICATE_TAG_KEY: CheckCode = {
  code: 'duplicate-tag-key',
  severity: DiagnosticSeverity.Error,
  when: 'the same key twice in one list or map',
  why: 'Tag keys of an image are unique (docs/sources.md §A.1, §A.2).',
};
