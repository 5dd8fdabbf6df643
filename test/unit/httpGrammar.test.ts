/** The .http grammar piece by piece: methods, versions, separators, comments, names, variables, headers, offsets. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHttpFile } from '../../core/http/httpFile';

const one = (text: string) => parseHttpFile(text).requests[0];
const span = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

test('every method REST Client and httpyac know, in any case; anything else is part of the URL', () => {
  for (const m of [
    'GET',
    'HEAD',
    'POST',
    'PUT',
    'DELETE',
    'CONNECT',
    'PATCH',
    'OPTIONS',
    'TRACE',
    'PROPFIND',
    'PROPPATCH',
    'MKCOL',
    'COPY',
    'MOVE',
    'LOCK',
    'UNLOCK',
    'GRAPHQL',
  ]) {
    const r = one(`${m.toLowerCase()} https://h/x`);
    assert.equal(r.method?.text, m.toLowerCase(), m);
    assert.equal(r.url.text, 'https://h/x', m);
  }
  const notAMethod = one('FETCH https://h/x');
  assert.equal(notAMethod.method, undefined);
  assert.equal(notAMethod.url.text, 'FETCH https://h/x');
});

test('request line: leading space, HTTP versions, offsets of every token', () => {
  const text = '  POST https://h/p?q=1  HTTP/1.1  ';
  const r = one(text);
  assert.equal(span(text, r.method!.span), 'POST');
  assert.equal(span(text, r.url.span), 'https://h/p?q=1');
  assert.equal(span(text, r.httpVersion!.span), 'HTTP/1.1');
  assert.equal(one('GET https://h/p HTTP/2').httpVersion?.text, 'HTTP/2');
  assert.equal(one('GET https://h/p HTTP/2.0').httpVersion?.text, 'HTTP/2.0');
  assert.equal(one('GET https://h/pHTTP/1.1').httpVersion, undefined, 'the version is a separate word');
  assert.equal(one('GET https://h/p HTTP/x').httpVersion, undefined);
});

test('separators take ### or more, with or without a title; comments with # or //, indented or not', () => {
  const file = parseHttpFile(
    '### first\nGET https://h/1\n#### second one  \nGET https://h/2\n###\n  # a comment\n  // another\nGET https://h/3\n## not a separator\n',
  );
  assert.deepEqual(
    file.requests.map((r) => [r.title, r.url.text]),
    [
      ['first', 'https://h/1'],
      ['second one', 'https://h/2'],
      [undefined, 'https://h/3'],
    ],
  );
  // "## …" is a comment inside the third block, not a new request.
  assert.equal(file.requests.length, 3);
});

test('names: # @name x, // @name x, @name=x; file variables with = and spacing, values trimmed', () => {
  assert.equal(one('# @name login\nPOST https://h/t').name, 'login');
  assert.equal(one('// @name login\nPOST https://h/t').name, 'login');
  assert.equal(one('#@name=login\nPOST https://h/t').name, 'login');
  const text = '@host = https://h  \n@ids=a,b\n  @indented =  x y \n\nGET {{host}}/p';
  const file = parseHttpFile(text);
  assert.deepEqual(
    file.variables.map((v) => [v.name, v.value, span(text, v.nameSpan), span(text, v.valueSpan)]),
    [
      ['host', 'https://h', 'host', 'https://h'],
      ['ids', 'a,b', 'ids', 'a,b'],
      ['indented', 'x y', 'indented', 'x y'],
    ],
  );
});

test('headers: token names, values with colons, no space after the colon; a line that is no header is skipped', () => {
  const text =
    "GET https://h/p\nX-Auth-Token:abc\nContent-Type: application/json;charset=UTF-8\nX-Odd_chars!#$%&'*+.^`|~: v:w\nnot a header\n\n";
  const r = one(text);
  assert.deepEqual(
    r.headers.map((h) => [h.name.text, h.value.text, span(text, h.name.span), span(text, h.value.span)]),
    [
      ['X-Auth-Token', 'abc', 'X-Auth-Token', 'abc'],
      ['Content-Type', 'application/json;charset=UTF-8', 'Content-Type', 'application/json;charset=UTF-8'],
      ["X-Odd_chars!#$%&'*+.^`|~", 'v:w', "X-Odd_chars!#$%&'*+.^`|~", 'v:w'],
    ],
  );
  assert.equal(r.body, undefined);
});

test('query continuation lines join the URL; the body ends before trailing comments and response handlers', () => {
  const r = one('GET https://h/p\n  ?a=1\n  &b=2\nAccept: */*\n');
  assert.equal(r.fullUrl, 'https://h/p?a=1&b=2');
  assert.equal(r.headers.length, 1);
  const text = 'POST https://h/p\n\n{"a": 1}\n\n# trailing\n> {% client.test() %}\n';
  const b = one(text).body!;
  assert.equal(b.text, '{"a": 1}');
  assert.equal(span(text, b.span), '{"a": 1}');
  assert.equal(one('POST https://h/p\n\n{"a": 1}\n>> out.json\n').body?.text, '{"a": 1}');
});

test('offsets survive CRLF and a missing final newline', () => {
  const text = '@v = 1\r\n\r\nPOST https://h/p\r\nX-A: b\r\n\r\n{"k": "v"}';
  const r = one(text);
  assert.equal(span(text, r.url.span), 'https://h/p');
  assert.equal(span(text, r.headers[0].value.span), 'b');
  assert.equal(span(text, r.body!.span), '{"k": "v"}');
  assert.equal(span(text, parseHttpFile(text).variables[0].valueSpan), '1');
});
