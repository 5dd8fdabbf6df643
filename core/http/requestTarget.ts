/**
 * What an IMS request of a .http file sends: its API, the path and query with every {{variable}}
 * resolved, the body, the host the file names, and the variables left without a value. The connection's
 * project and region stand in where the file does not define them. Shared by "Send IMS request" and the
 * policy checks, so both send exactly the same thing.
 */
import { findApi, type ImsApi } from '../catalogue';
import { resolveVariables, variableRefs, type FileVariable, type HttpFile, type HttpRequest } from './httpFile';
import { matchImsRequest, splitUrl } from './imsRequest';

export interface RequestTarget {
  api: ImsApi;
  /** Path and query, ready to append to the connection's endpoint. */
  pathAndQuery: string;
  path: string;
  body?: string;
  /** The host the file names (it may differ from the connection's). */
  host?: string;
  /** Names of {{variables}} that nothing defines. */
  missing: string[];
}

export function requestTarget(
  file: HttpFile,
  request: HttpRequest,
  defaults: { projectId: string; region: string },
): RequestTarget | undefined {
  const match = matchImsRequest(request, file.variables);
  if (match?.kind !== 'api') return undefined;
  const at = { start: 0, end: 0 };
  const variables: FileVariable[] = [
    ...file.variables,
    { name: 'projectId', value: defaults.projectId, nameSpan: at, valueSpan: at },
    { name: 'region', value: defaults.region, nameSpan: at, valueSpan: at },
  ];
  const url = resolveVariables(request.fullUrl, variables);
  const body = request.body && !request.body.file ? resolveVariables(request.body.text, variables) : undefined;
  const missing = [...new Set([...variableRefs(url), ...variableRefs(body ?? '')].map((r) => r.name))];
  const { host, path } = splitUrl(url);
  const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
  return { api: findApi(match.api.id)!, pathAndQuery: `${path}${query}`, path, body, host, missing };
}
