/**
 * Everything the extension and its language server say to each other, typed once for both sides: the
 * languages, the initialization options, the diagnostic source, and every custom notification and request
 * with its params and result. Plain TypeScript, no editor library: the server, the client and the tests
 * import the same names, and users of other LSP clients read here what they may send (docs/architecture.md).
 */
import type { StoredResponse } from './http/variables/resolver';
import { REST_CLIENT_SECTION, SETTINGS_SECTION } from './settings';

/** The language ids the server answers, by family. `rest` files are `http` (package.json contributes both). */
export const LANGUAGES = {
  policy: ['json', 'jsonc'],
  http: ['http'],
  terraform: ['terraform'],
} as const;

/** Every language the server answers: the clients' document selector. */
export const SERVED_LANGUAGES: readonly string[] = [...LANGUAGES.policy, ...LANGUAGES.http, ...LANGUAGES.terraform];

/** The `source` of every diagnostic the server publishes (quick fixes answer only these). */
export const DIAGNOSTIC_SOURCE = 'ims-tags';

/** The settings sections the server follows (`workspace/didChangeConfiguration`, `workspace/configuration`). */
export const SETTING_SECTIONS = [SETTINGS_SECTION, REST_CLIENT_SECTION] as const;

/** What a client may say at start. Every field is optional: other LSP clients send nothing. */
export interface InitializationOptions {
  /** False when the client reports JSON syntax errors itself (VS Code's JSON support does). Default true. */
  jsonSyntaxDiagnostics?: boolean;
  /** False in Restricted Mode: no process environment, no `.env`. Clients that say nothing are trusted. */
  workspaceTrusted?: boolean;
  /**
   * True when the client runs `imsTags.sendRequest` (the VS Code extension): the server then puts a
   * "Send" lens above each IMS and IAM token request. Other clients have no such command, so no lens.
   */
  sendLenses?: boolean;
  /**
   * True when the client answers `imsTags/tagChangeImpact` (the VS Code extension, which holds the
   * connection): the hover of a `.http` tag write then shows the access it would move.
   */
  tagImpact?: boolean;
  /**
   * True when `.tf` files have no colouring of their own in the client (VS Code without HashiCorp's
   * extension): the server then gives them semantic tokens. Other clients say nothing: no tokens.
   */
  terraformTokens?: boolean;
  /** The web worker host: where the Terraform grammar's WASM files and tree-sitter's script load from. */
  wasm?: Record<string, string>;
  treeSitterScript?: string;
}

/** The options as a client sent them: anything of the wrong type is left out (a stranger's client may send anything). */
export function readInitializationOptions(raw: unknown): InitializationOptions {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const flag = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
  const wasm =
    typeof o.wasm === 'object' && o.wasm !== null
      ? Object.fromEntries(Object.entries(o.wasm).filter((e): e is [string, string] => typeof e[1] === 'string'))
      : undefined;
  return {
    jsonSyntaxDiagnostics: flag(o.jsonSyntaxDiagnostics),
    workspaceTrusted: flag(o.workspaceTrusted),
    sendLenses: flag(o.sendLenses),
    tagImpact: flag(o.tagImpact),
    terraformTokens: flag(o.terraformTokens),
    wasm,
    treeSitterScript: typeof o.treeSitterScript === 'string' ? o.treeSitterScript : undefined,
  };
}

// ── Notifications, client → server ─────────────────────────────────────────────────────────────────

/**
 * Trust granted (or, from another client, withdrawn): the client says so again after start. VS Code
 * never withdraws trust within a window.
 */
export const WORKSPACE_TRUST_NOTIFICATION = 'imsTags/workspaceTrust';
export interface WorkspaceTrustParams {
  trusted: boolean;
}

/** Whether initialization options or a trust notification say the workspace is untrusted. */
export function isRestricted(options: unknown): boolean {
  if (typeof options !== 'object' || options === null) return false;
  const o = options as { workspaceTrusted?: unknown; trusted?: unknown };
  return o.workspaceTrusted === false || o.trusted === false;
}

/**
 * IAM's own authorization schema of IMS, read by the client for the connection (or null: none, the
 * shipped snapshot stands). The server judges Version 5.0 policies by it (core/catalogue/iam5/model.ts).
 */
export const AUTHORIZATION_SCHEMA_NOTIFICATION = 'imsTags/authorizationSchema';
export interface AuthorizationSchemaParams {
  /** GetAuthorizationSchemaV5's answer, as read (the server reads it again, defensively). */
  schema: unknown;
  /** The IAM endpoint it was read from, and when (ISO 8601): hovers say so. */
  endpoint: string;
  readAt: string;
}

/**
 * Where the connection's resources are, for Resource URN completion in Version 5.0 policies: its region,
 * account and the images the IMS explorer has loaded (null: not connected).
 */
export const RESOURCE_CONTEXT_NOTIFICATION = 'imsTags/resourceContext';
export interface ResourceContext {
  region: string;
  account: string;
  imageIds: string[];
}

/** Whose permissions the connection has (`IdentityAccess` in core/access/identityAccess.ts, or null). */
export const IDENTITY_ACCESS_NOTIFICATION = 'imsTags/identityAccess';

/**
 * VS Code for the web: the web worker cannot read the workspace, so the client sends the policy,
 * Terraform and environment files it finds, and then each change (`text: null`: the file is gone).
 */
export const WORKSPACE_FILES_NOTIFICATION = 'imsTags/workspaceFiles';
export interface WorkspaceFilesParams {
  files: Array<{ uri: string; text: string | null }>;
}

// ── Requests, client → server: the server owns the .http language ──────────────────────────────────

/** A position as LSP counts it (zero-based line, UTF-16 character). */
export interface ProtocolPosition {
  line: number;
  character: number;
}

/** The requests of a .http document the extension can send: IMS APIs and IAM's token request. */
export const HTTP_REQUESTS_REQUEST = 'imsTags/httpRequests' as const;
export interface HttpRequestsParams {
  uri: string;
  /** Only the requests this range touches (a selection); all of them without it. */
  range?: { start: ProtocolPosition; end: ProtocolPosition };
}
export interface HttpRequestSummary {
  /** Its index among the document's requests (`### ` blocks). */
  index: number;
  /** The line of its request line. */
  line: number;
  kind: 'api' | 'token';
  /** The IMS API (catalogue id) when kind is 'api'. */
  apiId?: string;
}
export type HttpRequestsResult = HttpRequestSummary[];

/**
 * One request of a .http document with every {{variable}} resolved, as Send sends it. The server reads
 * the variable sources (environment files, `.env`, settings, in Restricted Mode without the process
 * environment and `.env`); the client gives what only it has: the connection's project and region,
 * responses of named requests it sent, and the answers to `# @prompt`.
 */
export const RESOLVE_HTTP_REQUEST = 'imsTags/resolveHttpRequest' as const;
export interface ResolveHttpRequestParams {
  uri: string;
  /** Which request: by index, else the one whose block holds this line. */
  index?: number;
  line?: number;
  /** Stand-ins for {{projectId}} and {{region}} where no source defines them. */
  defaults: { projectId: string; region: string };
  /** The last response of each named request sent in this window, by name. */
  responses?: Record<string, StoredResponse>;
  /** Answers to the request's `# @prompt`s, by name. */
  prompts?: Record<string, string>;
}
export interface ResolvedHttpRequest extends HttpRequestSummary {
  /** `# @name`, for request variables of later requests. */
  name?: string;
  /** Its title (the `###` line, else the request line), for confirmations. */
  title: string;
  /** Whether it carries a `# @note` (Send asks before sending it). */
  note: boolean;
  /** Its `# @prompt`s, to ask before resolving it again with the answers. */
  prompts: Array<{ name: string; description?: string }>;
  method: string;
  url: string;
  /** The host the file names (it may differ from the connection's), the path, and path with query. */
  host?: string;
  path: string;
  pathAndQuery: string;
  headers: Array<{ name: string; value: string }>;
  body?: string;
  /** {{variables}} nothing gave a value, and why some have none. */
  missing: string[];
  errors: string[];
  /**
   * The named requests of the file whose responses some missing variables wait for (`{{token}}` built on
   * `{{login.response.headers.X-Subject-Token}}`): Send offers to send them first; the policy checks do.
   */
  awaits: Array<{ name: string; index: number; line: number; variables: string[] }>;
  /** The selected environment's name ('' for `$shared` only). */
  environment: string;
}
/** null: no IMS or IAM token request there. */
export type ResolveHttpRequestResult = ResolvedHttpRequest | null;

/** The .http environments a document (or, without one, the first workspace folder) can select. */
export const HTTP_ENVIRONMENTS_REQUEST = 'imsTags/httpEnvironments' as const;
export interface HttpEnvironmentsParams {
  uri?: string;
}
export interface HttpEnvironmentsResult {
  names: string[];
  selected: string;
}

// ── Requests, server → client ──────────────────────────────────────────────────────────────────────

/**
 * The access a `.http` tag write would move if sent now, for its hover: the client holds the connection
 * and the account (client/imageAccess/confirm.ts). Only asked of a client that said `tagImpact`; null when
 * not connected, not trusted, or the image is not known.
 */
export const TAG_CHANGE_IMPACT_REQUEST = 'imsTags/tagChangeImpact' as const;
export interface TagChangeImpactParams {
  imageId: string;
  tags: Record<string, string>;
  removes: boolean;
}
/** Markdown for the hover (names escaped by the client). */
export type TagChangeImpactResult = { markdown: string } | null;

/** Every custom request with its params and result, for a typed `ask` on the client side. */
export interface ProtocolRequests {
  [HTTP_REQUESTS_REQUEST]: [HttpRequestsParams, HttpRequestsResult];
  [RESOLVE_HTTP_REQUEST]: [ResolveHttpRequestParams, ResolveHttpRequestResult];
  [HTTP_ENVIRONMENTS_REQUEST]: [HttpEnvironmentsParams, HttpEnvironmentsResult];
}
export type AskServer = <M extends keyof ProtocolRequests>(
  method: M,
  params: ProtocolRequests[M][0],
) => Promise<ProtocolRequests[M][1]>;

// ── Commands ───────────────────────────────────────────────────────────────────────────────────────

/** The client's command the server's Send lenses run, with `[uri: string, index: number]`. */
export const SEND_REQUEST_COMMAND = 'imsTags.sendRequest';
/** The extension's command that selects a .http environment (its argument: the name); a quick fix runs it. */
export const SELECT_HTTP_ENVIRONMENT_COMMAND = 'imsTags.selectHttpEnvironment';
/** The server's command that shows another file a quick fix edited (`window/showDocument`). */
export const SHOW_DOCUMENT_COMMAND = 'imsTags.showDocument';
