/**
 * Behaviours the whole mutation run of session 14 found unchecked (bench/mutation/survivors.md, "the
 * whole run of session 14"), each pinned where a user would meet it: .http lines of spaces, CRLF, an
 * unterminated script, a name and a title for one request, script files; references next to each other
 * and stray braces; .env values; JSONPath indexes; condition operators never tried; tag bodies that are
 * JSON null.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findApi } from '../../core/catalogue';
import { parseHttpFile, requestNamed } from '../../core/http/httpFile';
import { parseDotenv } from '../../core/http/variables/dotenv';
import { evaluateJsonPath } from '../../core/http/variables/jsonPath';
import { maskBareReferences, variableReferences } from '../../core/http/variables/references';
import { evaluateOne, keysNamingTag, conditionParts } from '../../core/policy/conditions';
import { requestTags } from '../../core/tags/requestTags';

test('.http: lines of spaces are blank lines, before the request line, between headers and body, after the body', () => {
  const [lead] = parseHttpFile('  \nGET https://h/a\n').requests;
  assert.equal(lead.method?.text, 'GET');
  assert.equal(lead.url.text, 'https://h/a');
  const [spaced] = parseHttpFile('POST https://h/p\nA: b\n   \n{"a": 1}\n   \n').requests;
  assert.equal(spaced.body?.text, '{"a": 1}');
  assert.equal(spaced.unseparatedBody, undefined);
});

test('.http: CRLF lines end before their \\r, in the request line and the body', () => {
  const text = 'POST https://h/p\r\n\r\n{"k": "v"}\r\n';
  const [r] = parseHttpFile(text).requests;
  assert.equal(r.body?.text, '{"k": "v"}');
  assert.equal(text.slice(r.requestLine.start, r.requestLine.end), 'POST https://h/p');
});

test('.http: an unterminated script runs to the end of its block, and the next block still parses', () => {
  const text = 'GET https://h/a\n\n> {%\nclient.global.set("a", 1);\n\n###\nGET https://h/b\n';
  const file = parseHttpFile(text);
  assert.deepEqual(
    file.requests.map((r) => r.url.text),
    ['https://h/a', 'https://h/b'],
  );
  assert.equal(file.scripts.length, 1);
  assert.ok(file.scripts[0].end <= text.indexOf('###'));
  const atEnd = parseHttpFile('< {% request.variables.set("a", 1)\nGET https://h/c\n');
  assert.equal(atEnd.requests.length, 0, 'the rest of the file is the script');
});

test('.http: `# @name` wins over an earlier one-word title; `> ./save.json` is no script file', () => {
  const file = parseHttpFile('### login\nGET https://h/first\n\n###\n# @name login\nGET https://h/second\n');
  assert.equal(requestNamed(file, 'login', 'httpyac')?.url.text, 'https://h/second');
  assert.equal(requestNamed(file, 'login')?.url.text, 'https://h/second');
  const saved = parseHttpFile('GET https://h/a\n\n> ./save.json\n');
  assert.equal(
    saved.scripts.some((s) => s.file === './save.json'),
    false,
  );
  assert.equal(parseHttpFile('GET https://h/a\n\n> ./after.js\n').scripts[0]?.file, './after.js');
});

test('references: two side by side, a stray closing pair, and masking a multi-line body', () => {
  assert.deepEqual(
    variableReferences('{{a}}{{b}}').map((r) => r.name),
    ['a', 'b'],
  );
  assert.deepEqual(variableReferences('abc}}'), []);
  assert.deepEqual(
    variableReferences('{{a}} c}}').map((r) => r.name),
    ['a'],
  );
  const adjacent = maskBareReferences('[{{a}}{{b}}]');
  assert.equal(adjacent.holes.size, 2);
  const body = '{\n  "limit": {{limit}}\n}';
  const masked = maskBareReferences(body);
  assert.equal(masked.text.length, body.length);
  assert.ok(!masked.text.includes('{{'), masked.text);
  assert.equal(maskBareReferences('{"s": "a{{x}}"}').holes.size, 0, 'inside a JSON string it is text');
});

test('.env values: words with spaces, values that start like keywords, comments after a space', () => {
  const value = (line: string) => parseDotenv(line)[0]?.value;
  assert.equal(value('A=two words'), 'two words');
  assert.equal(value('A=level'), 'level');
  assert.equal(value('A=x #y'), 'x');
});

test('JSONPath: indexes of two digits, and a wildcard then an index', () => {
  assert.equal(evaluateJsonPath({ a: Array.from({ length: 12 }, (_, i) => i * 2) }, '$.a[10]'), 20);
  assert.equal(evaluateJsonPath([[1], [2, 3]], '$[*][1]'), 3);
});

test('conditions: operators and forms no case tried before', () => {
  const ctx = { resource: { tags: { env: 'prod-eu', empty: '', n: '40', flag: 'true' } } };
  const result = (op: string, key: string, expected: unknown) => evaluateOne(op, key, expected, ctx).result;
  assert.equal(result('StringEndWith', 'g:ResourceTag/env', '-eu'), 'holds');
  assert.equal(result('StringEquals', 'g:ResourceTag/env', 'prod*'), 'fails', '* is literal for StringEquals');
  assert.equal(result('StringLike', 'g:ResourceTag/empty', 'a?'), 'fails');
  assert.equal(result('StringLike', 'g:ResourceTag/env', 'p?'), 'fails');
  assert.equal(result('NumberEquals', 'g:ResourceTag/n', '41'), 'fails');
  assert.equal(result('Bool', 'g:ResourceTag/flag', true), 'holds');
  assert.equal(result('IsNullOrEmpty', 'g:ResourceTag/n', true), 'fails');
  assert.deepEqual(keysNamingTag(null, 'env'), []);
  assert.deepEqual(keysNamingTag({ StringEquals: { 'g:UserName': 'env' } }, 'env'), []);
  assert.deepEqual(conditionParts(null, ctx), []);
  assert.deepEqual(conditionParts({ StringEquals: null }, ctx), []);
});

test('tag bodies that are JSON null or not JSON: no tags read, nothing thrown; a search by tags sets none', () => {
  for (const id of ['BatchDeleteTags', 'CreateOrUpdateTags', 'ListImageByTags']) {
    const api = findApi(id);
    assert.ok(api, id);
    assert.equal(requestTags(api, {}, 'not json'), undefined, id);
    // A tag write whose body is null writes nothing we can name; a search sets no tags at all.
    assert.deepEqual(requestTags(api, {}, 'null'), id === 'ListImageByTags' ? {} : undefined, id);
  }
});
