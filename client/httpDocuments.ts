/**
 * What commands need of a .http document, asked of the language server (core/protocol.ts), which owns
 * the language: the client opens the document and hands over what only it has (the connection's project
 * and region, responses it received, prompt answers). Nothing here parses .http or env files.
 */
import * as vscode from 'vscode';
import { DEFAULT_REGION } from '../core/catalogue';
import { LANGUAGES } from '../core/protocol';
import type { Connection } from './connection';

/** The document a command names (a Uri, or a string from a server lens), else the active editor's. */
export async function httpDocument(uri: vscode.Uri | string | undefined): Promise<vscode.TextDocument | undefined> {
  if (uri !== undefined) return vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
  return vscode.window.activeTextEditor?.document;
}

/** A .http document: by language, or by name while another extension claims the language. */
export function isHttpDocument(doc: vscode.TextDocument): boolean {
  return (LANGUAGES.http as readonly string[]).includes(doc.languageId) || /\.(http|rest)$/i.test(doc.uri.path);
}

/** The connection's project and region, for {{projectId}} and {{region}} where no source defines them. */
export function connectionDefaults(c: Connection): { projectId: string; region: string } {
  return { projectId: c.projectId, region: c.kind === 'cloud' ? c.region : DEFAULT_REGION };
}
