/** The pure parts the explorer uses: tag input rules, the find-by-tags filter, the .http request text, settings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IMS_APIS, TAG_RULES, findApi } from '../../core/catalogue';
import { httpBlock, requestText } from '../../core/http/requestText';
import { parseHttpFile } from '../../core/http/httpFile';
import { matchImsRequest } from '../../core/http/imsRequest';
import { validateBody } from '../../core/http/bodyValidation';
import { DEFAULT_SETTINGS, readSettings } from '../../core/settings';
import { formatTagFilter, parseTagFilter } from '../../core/tags/tagFilter';
import { isValidTagKey, isValidTagValue } from '../../core/tags/tagInput';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

test('tag keys and values: the length limits of the facts at n and n+1, and the character rule', () => {
  // The loosest documented bounds (docs/sources.md §A.1): key 1–128, value 0–255.
  assert.equal(TAG_RULES.key.max, 128);
  assert.equal(TAG_RULES.value.max, 255);
  assert.ok(isValidTagKey('k'.repeat(128)));
  assert.ok(!isValidTagKey('k'.repeat(129)));
  assert.ok(!isValidTagKey(''));
  assert.ok(isValidTagValue(''));
  assert.ok(isValidTagValue('v'.repeat(255)));
  assert.ok(!isValidTagValue('v'.repeat(256)));
  assert.ok(isValidTagKey('环境_env.a:b+c-d@e'));
  assert.ok(!isValidTagKey(' lead'));
  assert.ok(!isValidTagKey('slash/'));
  assert.ok(isValidTagValue('a/b'));
});

test('find-by-tags filter: keys with values, keys alone, and what is wrong', () => {
  assert.deepEqual(parseTagFilter('env=prod|test, team'), {
    ok: true,
    entries: [
      { key: 'env', values: ['prod', 'test'] },
      { key: 'team', values: [] },
    ],
  });
  assert.deepEqual(parseTagFilter(' , '), { ok: false, problem: 'empty' });
  assert.deepEqual(parseTagFilter('=prod'), { ok: false, problem: 'emptyKey', entry: '=prod' });
  assert.deepEqual(parseTagFilter('owner=a=b'), { ok: true, entries: [{ key: 'owner', values: ['a=b'] }] });
  assert.equal(
    formatTagFilter([
      { key: 'env', values: ['prod', 'test'] },
      { key: 'team', values: [] },
    ]),
    'env=prod|test, team',
  );
});

test('request text: every API parses back as itself, with a body valid against its schema', () => {
  for (const api of IMS_APIS) {
    const file = parseHttpFile(
      `@projectId = p\n@imageId = i\n@tagKey = k\n@tag = t\n@region = cn-north-4\n\n${requestText(api)}\n`,
    );
    const m = matchImsRequest(file.requests[0], file.variables);
    assert.equal(m?.kind === 'api' && m.api.id, api.id);
    if (api.bodySchema) assert.deepEqual(validateBody(api, JSON.parse(file.requests[0].body!.text)), []);
    assert.equal(/\{\{projectId\}\}/.test(requestText(api)), true, `${api.id} names its project`);
  }
  const block = httpBlock(findApi('AddImageTag')!, { host: 'http://127.0.0.1:1', projectId: 'p' }, { host: '{{host}}' });
  assert.match(
    block,
    /^@host = http:\/\/127\.0\.0\.1:1\n@projectId = p\n\n### Adding an Image Tag\nPOST \{\{host\}\}\/v2\/\{\{projectId\}\}/,
  );
  // Plain text: nothing escaped for snippets.
  assert.ok(!block.includes('\\'));
});

test('settings: defaults match package.json, wrong types keep their default', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
  const props = manifest.contributes.configuration.properties as Record<string, { default: unknown }>;
  const flat: Record<string, unknown> = {
    'imsTags.policy.inlayHints.enabled': DEFAULT_SETTINGS.policy.inlayHints.enabled,
    'imsTags.http.inlayHints.enabled': DEFAULT_SETTINGS.http.inlayHints.enabled,
    'imsTags.http.environment': DEFAULT_SETTINGS.http.environment,
    'imsTags.http.dialect': DEFAULT_SETTINGS.http.dialect,
    'imsTags.trace.server': DEFAULT_SETTINGS.trace.server,
    'imsTags.endpoint.ims': DEFAULT_SETTINGS.endpoint.ims,
    'imsTags.endpoint.iam': DEFAULT_SETTINGS.endpoint.iam,
    'imsTags.endpoint.sts': DEFAULT_SETTINGS.endpoint.sts,
    'imsTags.endpoint.accessAnalyzer': DEFAULT_SETTINGS.endpoint.accessAnalyzer,
    'imsTags.connection.reconnect': DEFAULT_SETTINGS.connection.reconnect,
  };
  assert.deepEqual(Object.keys(props).sort(), Object.keys(flat).sort());
  for (const [k, v] of Object.entries(flat)) assert.equal(props[k].default, v, k);
  assert.deepEqual(readSettings(undefined), DEFAULT_SETTINGS);
  const s = readSettings({
    policy: { inlayHints: { enabled: 'no' } },
    http: { inlayHints: { enabled: false }, dialect: 'postman' },
    trace: { server: 'loud' },
  });
  assert.equal(s.policy.inlayHints.enabled, true);
  assert.equal(s.http.inlayHints.enabled, false);
  assert.equal(s.http.dialect, 'any');
  assert.equal(readSettings({ http: { dialect: 'jetbrains' } }).http.dialect, 'jetbrains');
  assert.equal(readSettings({ connection: { reconnect: 'no' } }).connection.reconnect, true);
  assert.equal(readSettings({ connection: { reconnect: false } }).connection.reconnect, false);
  assert.equal(s.trace.server, 'off');
  for (const dialect of ['any', 'rest-client', 'httpyac', 'jetbrains'])
    assert.equal(readSettings({ http: { dialect } }).http.dialect, dialect);
  for (const server of ['messages', 'verbose']) assert.equal(readSettings({ trace: { server } }).trace.server, server);
  assert.equal(readSettings({ trace: { server: 5 } }).trace.server, 'off');
  assert.equal(readSettings({ http: { environment: '  dev ' } }).http.environment, 'dev', 'trimmed');
  assert.equal(readSettings({ http: { environment: 3 } }).http.environment, '');
  assert.equal(readSettings({ endpoint: { iam: 'https://iam.local' } }).endpoint.iam, 'https://iam.local');
});
