/** The protocol both sides import (core/protocol.ts): its languages match the manifest, and a stranger's options are read safely. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as protocol from '../../core/protocol';
import { LANGUAGES, SERVED_LANGUAGES, SETTING_SECTIONS, isRestricted, readInitializationOptions } from '../../core/protocol';
import { DEFAULT_SETTINGS } from '../../core/settings';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: {
    languages: Array<{ id: string }>;
    commands: Array<{ command: string }>;
    configuration: { properties: Record<string, unknown> };
  };
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

test('the server answers exactly the languages the extension activates on', () => {
  assert.deepEqual([...SERVED_LANGUAGES], ['json', 'jsonc', 'http', 'terraform']);
  const activating = manifest.activationEvents
    .filter((e) => e.startsWith('onLanguage:'))
    .map((e) => e.slice('onLanguage:'.length));
  assert.deepEqual([...activating].sort(), [...SERVED_LANGUAGES].sort());
});

test("the protocol's names: notifications and requests under imsTags/, commands under imsTags., each once; the client's commands contributed", () => {
  const names = Object.entries(protocol).filter(([k, v]) => typeof v === 'string' && /_(NOTIFICATION|REQUEST|COMMAND)$/.test(k));
  assert.ok(names.length >= 12, `only ${names.length} names`);
  for (const [k, v] of names) {
    const form = k.endsWith('_COMMAND') ? /^imsTags\.[a-z][A-Za-z]+$/ : /^imsTags\/[a-z][A-Za-z]+$/;
    assert.match(v as string, form, k);
  }
  assert.equal(new Set(names.map(([, v]) => v)).size, names.length, 'no name twice');
  // The server's own command (showDocument) is registered by the server; the client's two are in the manifest.
  const contributed = manifest.contributes.commands.map((c) => c.command);
  for (const c of [protocol.SEND_REQUEST_COMMAND, protocol.SELECT_HTTP_ENVIRONMENT_COMMAND])
    assert.ok(contributed.includes(c), c);
});

test('initialization options: a wasm map only from an object, a script only as text; restriction from either form of trust', () => {
  assert.equal(readInitializationOptions({ wasm: 'a.wasm' }).wasm, undefined);
  assert.equal(readInitializationOptions({ wasm: null }).wasm, undefined);
  assert.equal(
    readInitializationOptions({ treeSitterScript: 'https://x/tree-sitter.js' }).treeSitterScript,
    'https://x/tree-sitter.js',
  );
  for (const options of [
    undefined,
    null,
    'untrusted',
    false,
    {},
    { workspaceTrusted: true },
    { trusted: true },
    { trusted: 'no' },
  ])
    assert.equal(isRestricted(options), false, JSON.stringify(options));
  assert.equal(isRestricted({ trusted: false }), true, 'the trust notification');
  assert.equal(isRestricted({ workspaceTrusted: false }), true, 'the initialization options');
});
