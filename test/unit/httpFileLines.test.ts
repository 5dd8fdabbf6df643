/**
 * The line grammar of core/http/httpFile.ts, one kind of line at a time and at its edges: separators and
 * titles, comments and `@name` / `@prompt` / `@note` / `@loop`, file variables, request lines, query
 * continuations, headers, scripts (JetBrains `{% %}`, script files, httpyac `{{ }}`, `??` assertions) and
 * bodies from files. Each case says what a neighbouring misreading would get wrong: leading white space,
 * a character that must be there once or more, a pattern that must hold from the line's start.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHttpFile } from '../../core/http/httpFile';

const lines = (...l: string[]) => l.join('\n');
const text = (t: string, span: { start: number; end: number }) => t.slice(span.start, span.end);

test('separators: three # or more from the line’s start after white space; the rest, trimmed, is the title', () => {
  const t = lines(
    '  ### One',
    'GET https://h/1',
    '#### Two  ',
    'GET https://h/2',
    '##',
    'x ### no',
    'x### no',
    '###',
    'GET https://h/3',
  );
  const f = parseHttpFile(t);
  assert.deepEqual(
    f.separators.map((s) => text(t, s)),
    ['  ### One', '#### Two  ', '###'],
  );
  assert.deepEqual(
    f.requests.map((r) => r.title),
    ['One', 'Two', undefined],
  );
  // `##` and `x ### no` are no separators: the second request's block runs on to the bare `###`.
  assert.equal(f.requests.length, 3);
  assert.deepEqual(
    f.comments.map((c) => text(t, c)),
    ['##'],
  );
});

test('a title is a name (httpyac, JetBrains) when it is one word of letters, digits, _ . -', () => {
  const named = (title: string) => parseHttpFile(lines(`### ${title}`, 'GET https://h/')).requests[0].titleName;
  assert.equal(named('login'), 'login');
  assert.equal(named('_a.b-c9'), '_a.b-c9');
  for (const title of ['two words', '9lives', 'a/b', 'x!', '-a']) assert.equal(named(title), undefined, title);
});

test('comments start with # or // after white space; metadata is read from them', () => {
  const t = lines(
    '  # @name  first',
    '// @prompt pw   Your password  ',
    '\t# @prompt otp',
    '#@note',
    '# @loop for const item of items',
    'GET https://h/x',
  );
  const f = parseHttpFile(t);
  const r = f.requests[0];
  assert.equal(r.name, 'first');
  assert.deepEqual(
    r.prompts.map((p) => [p.name, p.description, text(t, p.span)]),
    [
      ['pw', 'Your password', 'pw'],
      ['otp', undefined, 'otp'],
    ],
  );
  assert.equal(r.note, true);
  assert.deepEqual(
    f.scriptVariables.map((v) => [v.name, v.via, text(t, v)]),
    [['item', '@loop', 'item']],
  );
  assert.equal(r.method?.text, 'GET');
  assert.equal(f.comments.length, 5);
});

test('@name forms: `@name x`, `@name=x`, `@name = x`; not `@namex`, not outside a comment', () => {
  const name = (line: string) => parseHttpFile(lines(line, 'GET https://h/')).requests[0]?.name;
  assert.equal(name('# @name x'), 'x');
  assert.equal(name('# @name=x'), 'x');
  assert.equal(name('//@name = x'), 'x');
  assert.equal(name('# @name\tx'), 'x');
  assert.equal(name('# @namex y'), undefined);
  assert.equal(name('# @name'), undefined);
  assert.equal(name('x # @name y'), undefined);
});

test('@prompt needs a name; its place is the name after @prompt, even when the name is “prompt”', () => {
  const t = lines('# @prompt prompt the prompt', '# @prompt', '# @promptx y', 'GET https://h/');
  const r = parseHttpFile(t).requests[0];
  assert.deepEqual(
    r.prompts.map((p) => [p.name, p.description, p.span.start]),
    [['prompt', 'the prompt', '# @prompt '.length]],
  );
});

test('@note and @loop are read whole words; @loop takes of and in, with or without a declaration', () => {
  const f = (...l: string[]) => parseHttpFile(lines(...l, 'GET https://h/'));
  assert.equal(f('# @notes').requests[0].note, false);
  assert.equal(f('# @note please').requests[0].note, true);
  const loops = (line: string) => f(line).scriptVariables.map((v) => v.name);
  assert.deepEqual(loops('# @loop for x in list'), ['x']);
  assert.deepEqual(loops('# @loop for let $x of list'), ['$x']);
  assert.deepEqual(loops('# @loop for var _y of list'), ['_y']);
  assert.deepEqual(loops('// @loop   for   for of list'), ['for']);
  for (const line of [
    '# @loop for x from list',
    '# @loop x of list',
    '# @loop for 1x of list',
    '# @loopfor x of list',
    '# @loop for x of',
  ])
    assert.deepEqual(loops(line), [], line);
  const t = lines('# @loop for form of forms', 'GET https://h/');
  const [v] = parseHttpFile(t).scriptVariables;
  assert.equal(text(t, v), 'form', 'placed after `for`, not inside it');
});

test('file variables: @name = value, @name := value, white space around; not a name with = or :', () => {
  const t = lines('@a = 1', '  @b:=2  ', '@c\t=\tthree words ', '@d=', '@e:f = 1', '@ = 1', 'GET https://h/');
  const vars = parseHttpFile(t).variables.map((v) => [v.name, v.value, text(t, v.nameSpan), text(t, v.valueSpan)]);
  assert.deepEqual(vars, [
    ['a', '1', 'a', '1'],
    ['b', '2', 'b', '2'],
    ['c', 'three words', 'c', 'three words'],
    ['d', '', 'd', ''],
  ]);
});

test('request lines: a known method in any case, else the whole line is the URL; HTTP/x.y at the end', () => {
  const first = (line: string) => {
    const r = parseHttpFile(line).requests[0];
    return [r.method?.text, r.url.text, r.httpVersion?.text];
  };
  assert.deepEqual(first('  get https://h/a HTTP/1.1'), ['get', 'https://h/a', 'HTTP/1.1']);
  assert.deepEqual(first('PROPFIND https://h/a'), ['PROPFIND', 'https://h/a', undefined]);
  assert.deepEqual(first('FETCH https://h/a'), [undefined, 'FETCH https://h/a', undefined]);
  assert.deepEqual(first('https://h/a HTTP/2'), [undefined, 'https://h/a', 'HTTP/2']);
  assert.deepEqual(first('GET https://h/a HTTP/1.1x'), ['GET', 'https://h/a HTTP/1.1x', undefined]);
  assert.deepEqual(first('GET HTTP/1.1'), ['GET', 'HTTP/1.1', undefined]);
});

test('query continuation lines (? or & after white space) join the URL; other lines are headers', () => {
  const t = lines(
    'GET https://h/a',
    '  ?x=1',
    '&y=2',
    'Accept : text/plain ',
    'X-Empty:',
    'not a header',
    'Bad Name: 1',
    '',
    'body',
  );
  const r = parseHttpFile(t).requests[0];
  assert.equal(r.fullUrl, 'https://h/a?x=1&y=2');
  assert.equal(r.continuation.length, 2);
  assert.deepEqual(
    r.headers.map((h) => [h.name.text, h.value.text, text(t, h.value.span)]),
    [
      ['Accept', 'text/plain', 'text/plain'],
      ['X-Empty', '', ''],
    ],
  );
  assert.equal(r.body?.text, 'body');
});

test('JSON right under the headers is a body without its blank line; a comment among headers is skipped', () => {
  const t = lines('POST https://h/a', 'Content-Type: application/json', '# a note', '  {"a": 1}', '[2]', '', 'GET https://h/b');
  const r = parseHttpFile(t).requests[0];
  assert.deepEqual(
    r.headers.map((h) => h.name.text),
    ['Content-Type'],
  );
  assert.equal(text(t, r.unseparatedBody!), '  {"a": 1}\n[2]');
});

test('scripts: JetBrains {% %} before and after, script files by extension, httpyac {{ }} blocks, ?? assertions', () => {
  const t = lines(
    '< {% request.variables.set("a", 1) %}',
    '  <  ./before.mjs ',
    'POST https://h/a',
    '',
    '{"x": 1}',
    '',
    '>  {%',
    '  client.global.set("b", 2);',
    '%}',
    '> ./after.ts',
    '?? status == 200',
    '{{@post',
    '  exports.c = 3;',
    '  }}  ',
  );
  const f = parseHttpFile(t);
  assert.deepEqual(
    f.scripts.map((s) => [s.kind, s.dialect, s.file, text(t, s).split('\n')[0]]),
    [
      ['pre-request script', 'jetbrains', undefined, '< {% request.variables.set("a", 1) %}'],
      ['pre-request script', 'jetbrains', './before.mjs', '  <  ./before.mjs '],
      ['response handler', 'jetbrains', undefined, '>  {%'],
      ['response handler', 'jetbrains', './after.ts', '> ./after.ts'],
      ['assertion', 'httpyac', undefined, '?? status == 200'],
      ['script block', 'httpyac', undefined, '{{@post'],
    ],
  );
  assert.equal(f.requests[0].body?.text, '{"x": 1}');
  assert.deepEqual(
    f.scriptVariables.map((v) => v.name),
    ['a', 'b', 'c'],
  );
});

test('what is not a script: a file of another kind, > without space, ?? without space, {{ with more on the line', () => {
  const t = lines('POST https://h/a', '', '>x', '>> out.json', '??x', '{{ a }}', '> ./after.txt', '< ./before.js');
  const f = parseHttpFile(t);
  assert.deepEqual(
    f.scripts.map((s) => s.kind),
    [],
  );
  // `>x` and `??x` are body text; `>>` ends the body (an output redirect).
  assert.equal(f.requests[0].body?.text, '>x');
  const before = parseHttpFile(lines('<x ./a.js', 'GET https://h/'));
  assert.deepEqual(before.scripts, []);
});

test('a body from a file: < path or <@ path (with an encoding), only when it is the whole body', () => {
  const file = (body: string) => parseHttpFile(lines('POST https://h/a', '', body)).requests[0].body?.file?.text;
  assert.equal(file('< ./a.json'), './a.json');
  assert.equal(file('<@ ./a b.json  '), './a b.json');
  assert.equal(file('<@latin1 ./a.json'), './a.json');
  assert.equal(file('<./a.json'), undefined);
  assert.equal(file('x < ./a.json'), undefined);
  assert.equal(file(lines('< ./a.json', 'more')), undefined);
});

test('metadata is read only from a comment that starts the line, with or without white space around', () => {
  const f = (...l: string[]) => parseHttpFile(lines(...l, 'GET https://h/')).requests[0];
  assert.deepEqual(
    f('#@prompt a', '  //  @prompt  b  c').prompts.map((p) => [p.name, p.description]),
    [
      ['a', undefined],
      ['b', 'c'],
    ],
  );
  assert.equal(f('  # @note').note, true);
  const loops = (line: string) => parseHttpFile(lines(line, 'GET https://h/')).scriptVariables.map((v) => v.name);
  assert.deepEqual(loops('  #@loop for x of l'), ['x']);
  assert.deepEqual(loops('# @loop for let  x  in l'), ['x']);
  // On a request line these are part of the URL, not metadata, variables or scripts.
  for (const line of [
    'GET https://h/a # @prompt x',
    'GET https://h/a # @note',
    'GET https://h/a # @loop for x of l ',
    'GET https://h/a @b = 1',
    'GET https://h/a < {% x %}',
    'GET https://h/a < ./x.js',
  ]) {
    const file = parseHttpFile(line);
    const r = file.requests[0];
    assert.equal(r?.url.text, line.slice(4).trim(), line);
    assert.deepEqual([r.prompts, r.note, file.variables, file.scriptVariables, file.scripts], [[], false, [], [], []], line);
  }
  assert.deepEqual(
    parseHttpFile(lines('@name = 1', 'GET https://h/')).variables.map((v) => v.name),
    ['name'],
  );
});

test('a header with ? or & in it is a header, not a query continuation; a header line may hold U+2028', () => {
  const t = lines('GET https://h/a', 'X-Q: a?b&c', '\u2028: no', 'X-L: a\u2028b');
  const r = parseHttpFile(t).requests[0];
  assert.equal(r.fullUrl, 'https://h/a');
  assert.deepEqual(
    r.headers.map((h) => [h.name.text, h.value.text]),
    [
      ['X-Q', 'a?b&c'],
      ['X-L', 'a\u2028b'],
    ],
  );
});

test('scripts and assertions: indented, and what ends one; what only looks like one inside a body line', () => {
  const t = lines(
    '  < {% a() %}',
    'POST https://h/a',
    '',
    'a ?? b',
    'c >> d',
    'e {{',
    '  ?? status == 200',
    '  {{  ',
    '  x = "}}"',
    '  y = {a: {b: 1}}',
    '  }} not yet',
    '  }}  ',
    '@after = 1',
    '{{',
    '}}',
    'x > {% y %}',
  );
  const f = parseHttpFile(t);
  assert.deepEqual(
    f.scripts.map((s) => [s.kind, text(t, s)]),
    [
      ['pre-request script', '  < {% a() %}'],
      ['assertion', '  ?? status == 200'],
      ['script block', '  {{  \n  x = "}}"\n  y = {a: {b: 1}}\n  }} not yet\n  }}  '],
      ['script block', '{{\n}}'],
    ],
  );
  assert.equal(f.requests[0].body?.text, 'a ?? b\nc >> d\ne {{');
  assert.deepEqual(
    f.variables.map((v) => v.name),
    ['after'],
  );
});
