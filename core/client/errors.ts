/** Typed errors of the IMS client: what went wrong, in terms a person can act on. */
import type { ImsApi } from '../catalogue';

export class ImsError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** IMS error code (`IMG.xxxx`), gateway code (`APIGW…`), or undefined. */
    readonly code: string | undefined,
    readonly requestId: string | undefined,
    readonly api: ImsApi | undefined,
    /** For 401/403: the actions the call needs (from the catalogue). */
    readonly neededActions: string[] = [],
  ) {
    super(message);
    this.name = 'ImsError';
  }
}

/** A tag key or value that breaks the documented rules; nothing was sent. */
export class ImsValidationError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
    this.name = 'ImsValidationError';
  }
}

/**
 * Why a request never got an answer, in words, from the error's cause chain (Node's fetch wraps the
 * socket's error: `TypeError: fetch failed` with `cause.code` ECONNREFUSED …): "fetch failed" alone
 * tells nobody what to do.
 */
export function networkCause(e: unknown): string {
  const cause = networkCauseOf(e);
  return cause.kind === 'other' ? cause.text : NETWORK_CAUSES[cause.kind].replace('{0}', cause.code);
}

/** What kind of network failure, for words in any language (the client words it in VS Code's). */
export type NetworkCause = { kind: keyof typeof NETWORK_CAUSES; code: string } | { kind: 'other'; text: string };

/** Each kind in English; `{0}` is the system's code. */
export const NETWORK_CAUSES = {
  refused: 'connection refused: nothing listens at that address and port',
  dns: 'the host name is not known (DNS)',
  timeout: 'the connection timed out',
  closed: 'the connection was closed by the other side',
  unreachable: 'the network cannot reach that host',
  tls: 'the TLS certificate was refused ({0})',
} as const;

export function networkCauseOf(e: unknown): NetworkCause {
  for (let c: unknown = e, depth = 0; c && depth < 5; c = (c as { cause?: unknown }).cause, depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (code === 'ECONNREFUSED') return { kind: 'refused', code };
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'dns', code };
    if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return { kind: 'timeout', code };
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return { kind: 'closed', code };
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return { kind: 'unreachable', code };
    if (/CERT|SSL|TLS/i.test(code)) return { kind: 'tls', code };
    return { kind: 'other', text: code };
  }
  return { kind: 'other', text: e instanceof Error ? e.message : String(e) };
}

/** The network failed (refused, reset, timed out) after the retries allowed. */
export class ImsNetworkError extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'ImsNetworkError';
  }
}

/** Reads `{"error": {"code", "message"}}` or `{"error_code", "error_msg"}` (docs/sources.md §A.3). */
export function parseErrorBody(text: string): { code?: string; message?: string } {
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string }; error_code?: string; error_msg?: string };
    if (body.error && (body.error.code || body.error.message)) return { code: body.error.code, message: body.error.message };
    if (body.error_code || body.error_msg) return { code: body.error_code, message: body.error_msg };
  } catch {
    // not JSON (OpenStack-native APIs answer XML): keep the text
  }
  return { message: text.slice(0, 300) || undefined };
}
