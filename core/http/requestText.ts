/**
 * The text of an IMS request as a `.http` block, built from the catalogue: method and URL with
 * `{{variables}}` for the path parameters, the headers the SDK sends, and a body that is valid against
 * the API's schema. Plain text: the server escapes it for snippets, "Copy as .http" uses it as it is.
 */
import type { ImsApi } from '../catalogue';

/** The host part every generated request uses unless told otherwise. */
export const REGION_HOST = 'https://ims.{{region}}.myhuaweicloud.com';

export interface RequestTextOptions {
  /** Scheme and host, e.g. `{{host}}` or `https://ims.cn-north-4.myhuaweicloud.com`. */
  host?: string;
  /** A body to use instead of the catalogue's example. */
  body?: unknown;
}

/** The request line, headers and body of one API call. */
export function requestText(api: ImsApi, options: RequestTextOptions = {}): string {
  let path = api.path;
  for (const p of api.pathParams) path = path.replace(`{${p.name}}`, `{{${p.variable}}}`);
  const lines = [`${api.method} ${options.host ?? REGION_HOST}${path}`];
  // Without a project in the path, AK/SK requests name it in a header.
  if (!api.pathParams.some((p) => p.name === 'project_id')) lines.push('X-Project-Id: {{projectId}}');
  const body = options.body ?? api.exampleBody;
  if (api.bodySchema && body !== undefined) lines.push(`Content-Type: ${api.contentType}`, '', JSON.stringify(body, null, 2));
  return lines.join('\n');
}

/** A whole block: file variables, a `###` title with the API's name, and the request. */
export function httpBlock(api: ImsApi, variables: Record<string, string>, options: RequestTextOptions = {}): string {
  const vars = Object.entries(variables).map(([k, v]) => `@${k} = ${v}`);
  return `${vars.join('\n')}${vars.length ? '\n\n' : ''}### ${api.title.en}\n${requestText(api, options)}\n`;
}
