/**
 * Named responses (client/httpResponses.ts) are kept per .http file: a `login` sent from one file must not
 * fill `{{login.response…}}` in another (a shuffled in-editor run sent another emulator's token that way).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpResponses } from '../../client/httpResponses';

const response = (token: string) => ({ status: 201, headers: { 'x-subject-token': token }, body: '{}' });

test("a named response fills its own file's variables only", () => {
  const r = new HttpResponses();
  r.set('file:///a.http', 'login', response('token-a'));
  assert.deepEqual(r.of('file:///a.http'), { login: response('token-a') });
  assert.deepEqual(r.of('file:///b.http'), {}, 'another file has no login response');
  r.set('file:///b.http', 'login', response('token-b'));
  assert.equal(r.of('file:///a.http').login.headers['x-subject-token'], 'token-a');
  assert.equal(r.of('file:///b.http').login.headers['x-subject-token'], 'token-b');
});

test('the last response of a name wins, and clear forgets every file', () => {
  const r = new HttpResponses();
  r.set('file:///a.http', 'login', response('first'));
  r.set('file:///a.http', 'login', response('second'));
  r.set('file:///a.http', 'other', response('x'));
  assert.deepEqual(Object.keys(r.of('file:///a.http')).sort(), ['login', 'other']);
  assert.equal(r.of('file:///a.http').login.headers['x-subject-token'], 'second');
  r.clear();
  assert.deepEqual(r.of('file:///a.http'), {});
});
