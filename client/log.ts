/** The extension's log: request lines (method, path, status, time, request id), never secrets. */
import * as vscode from 'vscode';
import type { Exchange } from '../core/client/imsClient';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  return (channel ??= vscode.window.createOutputChannel('IMS Tags & Policies', { log: true }));
}

export function logExchange(e: Exchange): void {
  const request = e.requestId ? ` (request ${e.requestId})` : '';
  const attempt = e.attempt > 1 ? ` [attempt ${e.attempt}]` : '';
  const line = `${e.method} ${e.path} → ${e.status} in ${e.ms} ms${request}${attempt}`;
  if (typeof e.status === 'number' && e.status < 400) log().info(line);
  else log().warn(line);
}
