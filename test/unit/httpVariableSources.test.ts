/** Where a .http document's variable files are, and what the adapters' reads of them become (core/http/variables/sources.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildVariableSources, dotenvEnvironment, variableFileUris } from '../../core/http/variables/sources';

const W = 'file:///work';

test('env files: the root of the folder holding the document, then beside it, each private file after its public one', () => {
  const r = variableFileUris(`${W}/app/api/requests.http`, [`${W}/`, `${W}/other`], 'dev');
  assert.deepEqual(r.envFiles, [
    { uri: `${W}/http-client.env.json`, label: 'http-client.env.json (workspace root)' },
    { uri: `${W}/http-client.private.env.json`, label: 'http-client.private.env.json (workspace root)' },
    { uri: `${W}/app/api/http-client.env.json`, label: 'http-client.env.json' },
    { uri: `${W}/app/api/http-client.private.env.json`, label: 'http-client.private.env.json' },
  ]);
  assert.equal(r.dotenv, `${W}/app/api/.env`);
  assert.deepEqual(r.envDotenv, [
    { uri: `${W}/app/api/.env.dev`, label: '.env.dev' },
    { uri: `${W}/app/api/dev.env`, label: 'dev.env' },
  ]);
  assert.equal(r.key, `${W}|${W}/app/api|dev`);
});

test('the innermost folder holding the document is its root; a folder whose name only starts the same is not', () => {
  const nested = variableFileUris(`${W}/app/api/r.http`, [W, `${W}/app`]);
  assert.equal(nested.envFiles[0].uri, `${W}/app/http-client.env.json`);
  const lookalike = variableFileUris(`${W}/application/r.http`, [`${W}/app`, W]);
  assert.equal(lookalike.envFiles[0].uri, `${W}/http-client.env.json`);
  // A document at a folder's root: the files are read once, without "(workspace root)".
  const atRoot = variableFileUris(`${W}/r.http`, [W]);
  assert.deepEqual(
    atRoot.envFiles.map((f) => f.label),
    ['http-client.env.json', 'http-client.private.env.json'],
  );
  // Outside every folder: the first folder's root, and beside the document.
  const outside = variableFileUris('file:///elsewhere/r.http', [W]);
  assert.deepEqual(
    outside.envFiles.map((f) => f.uri),
    [
      `${W}/http-client.env.json`,
      `${W}/http-client.private.env.json`,
      'file:///elsewhere/http-client.env.json',
      'file:///elsewhere/http-client.private.env.json',
    ],
  );
});

test('an untitled document has no folder of its own: the first root only, no .env', () => {
  const r = variableFileUris('untitled:Untitled-1', [W], 'dev');
  assert.deepEqual(
    r.envFiles.map((f) => f.uri),
    [`${W}/http-client.env.json`, `${W}/http-client.private.env.json`],
  );
  assert.equal(r.dotenv, undefined);
  assert.deepEqual(r.envDotenv, []);
  assert.deepEqual(variableFileUris('untitled:Untitled-1', []).envFiles, []);
});

test("an environment's name becomes part of a path only when it is a plain name", () => {
  for (const name of ['../secrets', 'a/b', '..', '', '.hidden', 'x..y'])
    assert.deepEqual(variableFileUris(`${W}/r.http`, [W], name).envDotenv, [], name);
  assert.equal(variableFileUris(`${W}/r.http`, [W], '../secrets').key, `${W}|${W}|`);
  assert.equal(variableFileUris(`${W}/r.http`, [W], 'prod-2.eu').envDotenv.length, 2);
});

const read = (over: Partial<Parameters<typeof buildVariableSources>[0]> = {}) =>
  buildVariableSources({
    settings: undefined,
    files: [],
    selected: 'dev',
    processEnv: (n) => (n === 'HOME' ? '/home/me' : undefined),
    uuid: () => 'u-1',
    ...over,
  });

test('what was read becomes the sources: settings first, files after (later wins), refusals as problems', () => {
  const s = read({
    settings: { dev: { host: 'from-settings', region: 'cn-north-4' } },
    files: [{ uri: `${W}/http-client.env.json`, label: 'http-client.env.json', text: '{"dev": {"host": "from-file"}}' }],
    refused: ['http-client.private.env.json is a link out of the workspace: not read'],
  });
  assert.equal(s.environment.variables.get('host')?.value, 'from-file');
  assert.equal(s.environment.variables.get('region')?.source, 'settings (rest-client.environmentVariables)');
  assert.deepEqual(s.environment.refused, ['http-client.private.env.json is a link out of the workspace: not read']);
  assert.ok(s.environment.problems.includes('http-client.private.env.json is a link out of the workspace: not read'));
  assert.equal(s.dialect, 'any');
  assert.equal(read({ settings: null }).environment.variables.size, 0);
  assert.equal(read().environment.refused, undefined);
});

test(".env beside the file: $dotenv reads it, httpyac's names read it and the selected environment's files after it", () => {
  const s = read({
    dotenv: { uri: `${W}/.env`, text: 'TOKEN=abc\nHOST=base' },
    envDotenv: [{ uri: `${W}/.env.dev`, label: '.env.dev', text: 'HOST=dev-host' }],
    restricted: false,
  });
  assert.equal(s.system!.dotenv('TOKEN'), 'abc');
  assert.equal(s.system!.dotenv('NOPE'), undefined);
  assert.equal(s.system!.processEnv('HOME'), '/home/me');
  assert.equal(s.system!.uuid(), 'u-1');
  assert.equal(s.system!.restricted, false);
  assert.equal(s.system!.environment('HOST'), undefined);
  assert.deepEqual(
    s.dotenvVariables?.map((d) => [d.label, d.entries.map((e) => `${e.name}=${e.value}`)]),
    [
      ['.env', ['TOKEN=abc', 'HOST=base']],
      ['.env.dev', ['HOST=dev-host']],
    ],
  );
  // The selected environment's own .env file makes it an environment.
  assert.ok(s.environment.names.includes('dev'));
  // Refused: said, and nothing read.
  const refused = read({ dotenv: { refused: '.env is larger than 1 MB: not read' }, restricted: true });
  assert.equal(refused.dotenvRefused, '.env is larger than 1 MB: not read');
  assert.equal(refused.system!.dotenvRefused, '.env is larger than 1 MB: not read');
  assert.equal(refused.dotenv, undefined);
  assert.equal(refused.dotenvVariables, undefined);
  assert.equal(refused.system!.restricted, true);
  assert.equal(read().dotenvRefused, undefined);
});

test("other environments' .env files: their names join the list and say where a name is defined, for httpyac only", () => {
  const otherDotenv = [
    { env: 'prod', uri: `${W}/.env.prod`, label: '.env.prod', text: 'HOST=prod-host\nONLY_PROD=1' },
    { env: 'stage', uri: `${W}/stage.env`, label: 'stage.env', text: 'HOST=stage-host' },
  ];
  const s = read({
    files: [{ uri: `${W}/http-client.env.json`, label: 'http-client.env.json', text: '{"dev": {"region": "r"}}' }],
    otherDotenv,
  });
  assert.deepEqual(s.environment.names, ['dev', 'prod', 'stage']);
  assert.deepEqual(s.environment.elsewhere?.get('HOST'), ['prod', 'stage']);
  assert.deepEqual(s.environment.elsewhere?.get('ONLY_PROD'), ['prod']);
  // A name the selected environment defines is not "elsewhere".
  const defined = read({
    files: [{ uri: `${W}/http-client.env.json`, label: 'http-client.env.json', text: '{"dev": {"HOST": "h"}}' }],
    otherDotenv,
  });
  assert.equal(defined.environment.elsewhere?.get('HOST'), undefined);
  // Another dialect does not read httpyac's files.
  const rest = read({ otherDotenv, dialect: 'rest-client' });
  assert.deepEqual(rest.environment.names, []);
  assert.equal(rest.environment.elsewhere, undefined);
  assert.equal(rest.dialect, 'rest-client');
});

test("httpyac's environment files are named .env.<name> or <name>.env, the whole file name, plain names only", () => {
  for (const name of ['a.env.dev', '.env.dev x', 'my file.env', 'dev.env x', '.env.a..b', 'a..b.env', '.env.', '.env'])
    assert.equal(dotenvEnvironment(name), undefined, name);
  assert.equal(dotenvEnvironment('.env.prod-2'), 'prod-2');
  assert.equal(dotenvEnvironment('stage.env'), 'stage');
});

test('the system variables read a real clock and random numbers', () => {
  const s = read();
  const before = Date.now();
  const now = s.system!.now();
  assert.ok(now instanceof Date && now.getTime() >= before - 1000 && now.getTime() <= Date.now());
  const r = s.system!.random();
  assert.ok(typeof r === 'number' && r >= 0 && r < 1);
});
