/**
 * Custom messages between the extension and its language server, typed once for both sides. Plain
 * TypeScript: no editor library, so the server, the client and other LSP clients' users read the same.
 */

/**
 * The client tells the server whether VS Code trusts the workspace (Restricted Mode otherwise), at start
 * in `initializationOptions.workspaceTrusted` and again when trust is granted. Clients that say nothing
 * (Neovim, other editors) have no Restricted Mode: the workspace counts as trusted.
 */
export const WORKSPACE_TRUST_NOTIFICATION = 'imsTags/workspaceTrust';

export interface WorkspaceTrustParams {
  trusted: boolean;
}

/** Whether the client's initialization options or notification say the workspace is untrusted. */
export function isRestricted(options: unknown): boolean {
  if (typeof options !== 'object' || options === null) return false;
  const o = options as { workspaceTrusted?: unknown; trusted?: unknown };
  return o.workspaceTrusted === false || o.trusted === false;
}
