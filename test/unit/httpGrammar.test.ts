/** The .http grammar piece by piece: methods, versions, separators, comments, names, variables, headers, offsets. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHttpFile, resolveVariables, variableRefs } from '../../core/http/httpFile';

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

test('every rule is anchored: a separator, a name, a variable, a header or a continuation only at the start of its line', () => {
  // "x ###" is no separator, "x # @name" no name, "x @a = b" no variable: each stays part of its request.
  const file = parseHttpFile('GET https://h/1\nX-A: b ### not a separator\n\nbody ### still body\n');
  assert.equal(file.requests.length, 1);
  assert.equal(file.requests[0].body?.text, 'body ### still body');
  assert.equal(parseHttpFile('x### no\nGET https://h/1').requests.length, 1);
  assert.equal(one('note # @name x\nGET https://h/1')?.name, undefined);
  assert.equal(one('x# @name y\nGET https://h/1')?.name, undefined);
  assert.deepEqual(parseHttpFile('x @a = b\nGET https://h/1').variables, []);
  // A header name is a token at the start of the line; "Name : value" allows space before the colon.
  const h = one('GET https://h/p\n X-Lead: no\nX-Spaced : yes\nX-Trim:   padded   \n');
  assert.deepEqual(
    h.headers.map((x) => [x.name.text, x.value.text]),
    [
      ['X-Spaced', 'yes'],
      ['X-Trim', '  padded'],
    ],
  );
  // A continuation starts its line with ? or &; a header whose value has them is no continuation.
  const q = one('GET https://h/p\nX-Q: a?b&c\n  &z=1\n');
  assert.equal(q.fullUrl, 'https://h/p');
  assert.equal(q.headers.length, 1);
});

test('request line details: several spaces after the method, a version only at the end', () => {
  const text = 'GET    https://h/p';
  assert.equal(span(text, one(text).url.span), 'https://h/p');
  assert.equal(one('GET https://h/p HTTP/1.1 trailing').httpVersion, undefined);
  assert.equal(one('GET https://h/p HTTP/1.1 trailing').url.text, 'https://h/p HTTP/1.1 trailing');
  assert.equal(one('GET\thttps://h/p').method?.text, 'GET');
});

test('bodies: JSON right after the headers is flagged, a body from a file keeps its name and offsets', () => {
  const stray = one('POST https://h/p\nContent-Type: application/json\n[1,\n 2]\n');
  assert.equal(stray.body, undefined);
  assert.deepEqual(stray.unseparatedBody && [stray.unseparatedBody.start, stray.unseparatedBody.end], [48, 55]);
  assert.equal(one('POST https://h/p\n\n{"a": 1}\n').unseparatedBody, undefined);
  const text = 'POST https://h/p\n\n<@latin1 ./data/body.json  \n';
  const fromFile = one(text).body!;
  assert.equal(fromFile.file?.text, './data/body.json');
  assert.equal(span(text, fromFile.file!.span), './data/body.json');
  assert.equal(one('POST https://h/p\n\n< ./b.json\n').body?.file?.text, './b.json');
  assert.equal(one('POST https://h/p\n\n<./b.json\n').body?.file, undefined, 'a space after < is needed');
  assert.equal(one('POST https://h/p\n\n< ./b.json\nmore\n').body?.file, undefined, 'a file body is one line');
  assert.equal(one('POST https://h/p\n\n>not a handler\n').body?.text, '>not a handler');
  assert.equal(one('POST https://h/p\n\n\n\n').body, undefined);
});

test('variables: offsets of references, resolution through others, cycles stop', () => {
  assert.deepEqual(variableRefs('a {{ x }} b {{y}}'), [
    { name: 'x', start: 2, end: 9 },
    { name: 'y', start: 12, end: 17 },
  ]);
  const vars = (pairs: Array<[string, string]>) =>
    pairs.map(([name, value]) => ({ name, value, nameSpan: { start: 0, end: 0 }, valueSpan: { start: 0, end: 0 } }));
  assert.equal(
    resolveVariables(
      '{{a}}',
      vars([
        ['a', '{{b}}'],
        ['b', 'B'],
      ]),
    ),
    'B',
  );
  assert.equal(resolveVariables('{{a}}/{{zz}}', vars([['a', 'A']])), 'A/{{zz}}');
  const cycle = resolveVariables(
    '{{a}}',
    vars([
      ['a', '{{b}}'],
      ['b', '{{a}}'],
    ]),
  );
  assert.ok(cycle === '{{a}}' || cycle === '{{b}}', cycle);
  // Eleven levels of indirection resolve, the twelfth is left as it is.
  const chain = vars(Array.from({ length: 12 }, (_, i) => [`v${i}`, i === 11 ? 'end' : `{{v${i + 1}}}`] as [string, string]));
  assert.equal(resolveVariables('{{v1}}', chain), 'end');
  assert.equal(resolveVariables('{{v0}}', chain), '{{v11}}');
});
