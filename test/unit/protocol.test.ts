/** The protocol both sides import (core/protocol.ts): its languages match the manifest, and a stranger's options are read safely. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, SERVED_LANGUAGES, SETTING_SECTIONS, isRestricted, readInitializationOptions } from '../../core/protocol';
import { DEFAULT_SETTINGS } from '../../core/settings';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { languages: Array<{ id: string }>; configuration: { properties: Record<string, unknown> } };
};

test('the extension activates on every language the server answers, and contributes the ones VS Code lacks', () => {
  for (const language of SERVED_LANGUAGES) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
  const contributed = manifest.contributes.languages.map((l) => l.id);
  for (const language of [...LANGUAGES.http, ...LANGUAGES.terraform]) assert.ok(contributed.includes(language), language);
});

test('the settings sections the server follows are ours and REST Client’s', () => {
  assert.deepEqual([...SETTING_SECTIONS], ['imsTags', 'rest-client']);
  const ours = Object.keys(manifest.contributes.configuration.properties).filter((k) => k.startsWith('imsTags.'));
  assert.ok(ours.includes('imsTags.http.environment') && 'http' in DEFAULT_SETTINGS);
});

test('initialization options of the wrong type are left out, never trusted', () => {
  assert.deepEqual(readInitializationOptions(undefined), {
    jsonSyntaxDiagnostics: undefined,
    workspaceTrusted: undefined,
    sendLenses: undefined,
    tagImpact: undefined,
    terraformTokens: undefined,
    wasm: undefined,
    treeSitterScript: undefined,
  });
  const read = readInitializationOptions({
    jsonSyntaxDiagnostics: 'no',
    workspaceTrusted: false,
    sendLenses: true,
    tagImpact: 'yes',
    terraformTokens: 1,
    wasm: { 'a.wasm': 'https://x/a.wasm', 'b.wasm': 42 },
    treeSitterScript: ['x'],
  });
  assert.equal(read.jsonSyntaxDiagnostics, undefined);
  assert.equal(read.sendLenses, true);
  assert.equal(read.tagImpact, undefined);
  assert.equal(read.terraformTokens, undefined);
  assert.equal(readInitializationOptions({ terraformTokens: true }).terraformTokens, true);
  assert.deepEqual(read.wasm, { 'a.wasm': 'https://x/a.wasm' });
  assert.equal(read.treeSitterScript, undefined);
  assert.equal(isRestricted(read), true);
  assert.equal(isRestricted(readInitializationOptions({})), false);
});
