/**
 * One parse per document version, shared by every feature and by the workspace index: policy
 * documents (json, jsonc) and request documents (http).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LANGUAGES } from '../core/protocol';
import type { ParseText } from '../core/terraform/extract';
import { ParsedHttp } from './services/parsedHttp';
import { ParsedTerraform } from './services/parsedTerraform';
import { parsePolicy, reparsePolicy, type ParsedPolicy } from './services/parsedPolicy';

/** The languages of core/protocol.ts; Terraform as HashiCorp's extension names it (ours contributes it for .tf too). */
export const POLICY_LANGUAGES: ReadonlySet<string> = new Set(LANGUAGES.policy);
export const HTTP_LANGUAGES: ReadonlySet<string> = new Set(LANGUAGES.http);
export const TERRAFORM_LANGUAGES: ReadonlySet<string> = new Set(LANGUAGES.terraform);

class VersionCache<T> {
  private readonly entries = new Map<string, { version: number; value: T }>();
  /** `make` may build on the previous version's value, which is not used again afterwards. */
  constructor(private readonly make: (text: string, previous: T | undefined) => T) {}
  get(doc: TextDocument): T {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.value;
    // The old version's parse goes first: two large trees alive at once would set the peak memory.
    this.entries.delete(doc.uri);
    const value = this.make(doc.getText(), hit?.value);
    this.entries.set(doc.uri, { version: doc.version, value });
    return value;
  }
  delete(uri: string): void {
    this.entries.delete(uri);
  }
}

export class DocumentCache {
  private readonly policies = new VersionCache((text, previous?: ParsedPolicy) =>
    previous ? reparsePolicy(previous, text) : parsePolicy(text),
  );
  private readonly requests = new VersionCache((text) => new ParsedHttp(text));
  private readonly terraforms = new Map<string, { version: number; value: ParsedTerraform }>();

  /** How Terraform is parsed (the server sets the tree-sitter parser once it is loaded). */
  constructor(public parseHcl: ParseText = () => undefined) {}

  terraform(doc: TextDocument): ParsedTerraform {
    const hit = this.terraforms.get(doc.uri);
    // A read made before the parser was loaded is made again once it is.
    if (hit && hit.version === doc.version && !hit.value.pending) return hit.value;
    // The last version's read is handed on: only the items whose text changed are parsed again.
    this.terraforms.delete(doc.uri);
    // The parser as it is when asked (a read made before it loaded may still want it, for tokens).
    const value = new ParsedTerraform(doc.uri, doc.getText(), (t) => this.parseHcl(t), hit?.value);
    this.terraforms.set(doc.uri, { version: doc.version, value });
    return value;
  }

  policy(doc: TextDocument): ParsedPolicy {
    return this.policies.get(doc);
  }

  http(doc: TextDocument): ParsedHttp {
    return this.requests.get(doc);
  }

  forget(uri: string): void {
    this.policies.delete(uri);
    this.requests.delete(uri);
    this.terraforms.delete(uri);
  }
}
