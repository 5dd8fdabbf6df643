/**
 * One parse per document version, shared by every feature and by the workspace index: policy
 * documents (json, jsonc) and request documents (http).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ParsedHttp } from './services/parsedHttp';
import { parsePolicy, reparsePolicy, type ParsedPolicy } from './services/parsedPolicy';

export const POLICY_LANGUAGES = new Set(['json', 'jsonc']);
export const HTTP_LANGUAGES = new Set(['http']);

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

  policy(doc: TextDocument): ParsedPolicy {
    return this.policies.get(doc);
  }

  http(doc: TextDocument): ParsedHttp {
    return this.requests.get(doc);
  }

  forget(uri: string): void {
    this.policies.delete(uri);
    this.requests.delete(uri);
  }
}
