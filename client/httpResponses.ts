/**
 * The last response of each named `.http` request (`# @name login`), for the request variables of the
 * requests after it (`{{login.response.headers.X-Subject-Token}}`). Kept per file, as REST Client and
 * httpyac scope them: a `login` of another file never fills this one's `{{login.response…}}`. Forgotten
 * when the connection changes: a token IAM issued on one connection is no credential on the next.
 */
import type { StoredResponse } from '../core/http/variables/resolver';

export class HttpResponses {
  private readonly byFile = new Map<string, Map<string, StoredResponse>>();

  set(fileUri: string, name: string, response: StoredResponse): void {
    let named = this.byFile.get(fileUri);
    if (!named) this.byFile.set(fileUri, (named = new Map()));
    named.set(name, response);
  }

  /** The named responses of one file, as the server's resolver takes them. */
  of(fileUri: string): Record<string, StoredResponse> {
    return Object.fromEntries(this.byFile.get(fileUri) ?? []);
  }

  clear(): void {
    this.byFile.clear();
  }
}
