/**
 * The client reads its settings through the one reader both sides share (core/settings.ts): the same
 * defaults and the same tolerance of a wrong type, never a string key of its own.
 */
import * as vscode from 'vscode';
import { SETTINGS_SECTION, readSettings, type ImsTagsSettings } from '../core/settings';

export function settings(scope?: vscode.Uri): ImsTagsSettings {
  return readSettings(vscode.workspace.getConfiguration(undefined, scope).get(SETTINGS_SECTION));
}
