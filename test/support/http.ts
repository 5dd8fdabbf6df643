/** Helpers of the .http service tests: documents as strings, a service with given workspace policies. */
import type { PolicySource } from '../../core/policy/evaluator';
import { getLanguageService } from '../../server/languageService';
import { doc as makeDoc, withCursor } from './docs';

export function service(policies: PolicySource[] = [], lang: 'en' | 'zh' = 'en') {
  return getLanguageService({ lang: () => lang, policies: () => policies });
}
export const http = (text: string) => makeDoc(text, 'http');
export const HOST = 'https://ims.cn-north-4.myhuaweicloud.com';
export const ADD = `POST ${HOST}/v2/p1/images/img-1/tags\nContent-Type: application/json;charset=UTF-8\n\n{"tag": {"key": "env", "value": "prod"}}\n`;

export function diags(text: string, policies: PolicySource[] = []) {
  const d = http(text);
  return service(policies)
    .diagnostics(d)
    .map((x) => ({ ...x, message: String(x.message), text: d.getText(x.range) }));
}

export function labels(marked: string): string[] {
  const { doc, position } = withCursor(marked, 'http');
  return service()
    .complete(doc, position)
    .items.map((i) => i.label);
}

/** An IAM token request whose JetBrains response handler sets `token` (client.global.set), as lines. */
export const LOGIN_WITH_HANDLER = [
  '### login',
  'POST https://iam.myhuaweicloud.com/v3/auth/tokens',
  'Content-Type: application/json',
  '',
  '{"auth": {}}',
  '',
  '> {%',
  '  client.global.set("token", response.headers.valueOf("X-Subject-Token"));',
  '%}',
  '',
];
