/**
 * What core/http/dialects.ts knows of each dialect on its own, without a parse: the names shown for them, the
 * variables a script's text sets (each setter's exact form, and where the name is), and which dynamic
 * variables of JetBrains and httpyac are accepted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT_LABEL, OTHER_DYNAMIC_VARIABLES, accepts, otherDynamicVariable, scriptVariables } from '../../core/http/dialects';

/** The names a script sets, with how, whose, and the text at the offsets given for each. */
const sets = (text: string, base = 0) =>
  scriptVariables(text, base, 'script block').map(
    (v) => `${v.name} ${v.via} ${v.dialect} ${text.slice(v.start - base, v.end - base)} ${v.kind}`,
  );

test('the dialects by the names their users know', () => {
  assert.deepEqual(DIALECT_LABEL, {
    'rest-client': 'REST Client',
    httpyac: 'httpyac',
    jetbrains: 'JetBrains HTTP Client (and kulala, rest.nvim)',
  });
  assert.ok(accepts('any', 'httpyac'));
  assert.ok(accepts('httpyac', 'jetbrains', 'httpyac'));
  assert.ok(!accepts('rest-client', 'jetbrains', 'httpyac'));
});

test('JetBrains setters: client.global.set and request.variables.set, with any quote', () => {
  assert.deepEqual(sets(`client.global.set("token", x); request.variables.set( 'id' , 1); client.global.set(\`b\`, 2)`), [
    'token client.global.set jetbrains token script block',
    'b client.global.set jetbrains b script block',
    'id request.variables.set jetbrains id script block',
  ]);
  // Quotes must pair; a name stops at the line's end.
  assert.deepEqual(sets(`client.global.set("a', 1); client.global.set("x\ny", 1); myclient.global.set("z", 1)`), []);
});

test('httpyac setters: $global.name = and exports.name =, and nothing that only reads or compares', () => {
  assert.deepEqual(sets('$global.a1 = 1;\nexports.b_2=2;\n$global.$c\t= 3;\nexports.d\n= 4;\n$global.e=5'), [
    'a1 $global httpyac a1 script block',
    '$c $global httpyac $c script block',
    'e $global httpyac e script block',
    'b_2 exports httpyac b_2 script block',
    'd exports httpyac d script block',
  ]);
  for (const text of [
    '$global.a == 1',
    '$global.a === 1',
    'exports.a == b',
    '$global.1a = 1',
    '$global.a.b = 1',
    'exports.a.b = 1',
    'myexports.a = 1',
    'x = $global.a',
  ])
    assert.deepEqual(sets(text), [], text);
});

test("a name's place is found after the setter, even when the setter's own name holds it", () => {
  const text = 'x; $global.global = 1; exports.port = 2; exports.exports = 3';
  const base = 100;
  const found = scriptVariables(text, base, 'response handler');
  assert.deepEqual(
    found.map((v) => [v.name, v.start - base, v.end - base, v.kind]),
    [
      ['global', text.indexOf('.global') + 1, text.indexOf('.global') + 7, 'response handler'],
      ['port', text.indexOf('.port') + 1, text.indexOf('.port') + 5, 'response handler'],
      ['exports', text.indexOf('.exports') + 1, text.indexOf('.exports') + 8, 'response handler'],
    ],
  );
  const jb = 'client.global.set("client", 1)';
  assert.deepEqual(
    scriptVariables(jb, 0, 'response handler').map((v) => [v.start, v.end]),
    [[jb.indexOf('"client"') + 1, jb.indexOf('"client"') + 7]],
  );
});

test('dynamic variables of JetBrains and httpyac: listed ones with their arguments, $random.* and $env.NAME', () => {
  const of = (name: string) => {
    const v = otherDynamicVariable(name);
    return v && `${v.name} ${v.dialect}`;
  };
  assert.equal(of('$uuid'), '$uuid jetbrains');
  assert.equal(of('$random.integer(1, 10)'), '$random.integer jetbrains');
  assert.equal(of('$random.integer(\n1)'), '$random.integer jetbrains', 'arguments over lines');
  assert.equal(of('$random.address.city'), '$random.address.city jetbrains');
  assert.equal(otherDynamicVariable('$random.address.city')?.doc, 'a Faker-style random value');
  assert.equal(of('$pick'), '$pick httpyac');
  assert.equal(of('$env.HOME'), '$env httpyac');
  for (const name of [
    '$random.',
    '$random.1a',
    '$random.a-b',
    'x$random.a',
    '$randomx',
    'random.integer',
    '$env.',
    '$env.A-B',
    'x$env.HOME',
    '$env.HOME.x',
    '$envHOME',
    '$nothing',
  ])
    assert.equal(otherDynamicVariable(name), undefined, name);
});

test('each dynamic variable by its documentation: whose it is, and a text that says what it gives', () => {
  const jetbrains = ['$uuid', '$isoTimestamp', '$exampleServer'].concat(
    'uuid integer float alphabetic alphanumeric hexadecimal email'.split(' ').map((r) => `$random.${r}`),
  );
  const httpyac = ['$input', '$password', '$pick', '$env'];
  assert.deepEqual(OTHER_DYNAMIC_VARIABLES.map((v) => v.name).sort(), [...jetbrains, ...httpyac].sort());
  for (const name of jetbrains) assert.equal(otherDynamicVariable(name)?.dialect, 'jetbrains', name);
  for (const name of httpyac) assert.equal(otherDynamicVariable(name)?.dialect, 'httpyac', name);
  for (const v of OTHER_DYNAMIC_VARIABLES) assert.match(v.doc, /^[a-zA-Z']+ [a-z]/, v.name);
  // The ones that take arguments show how.
  for (const v of OTHER_DYNAMIC_VARIABLES.filter((x) => /^\$random\.(?!uuid|email)/.test(x.name)))
    assert.ok(v.doc.includes(`${v.name}(`), v.name);
  assert.match(otherDynamicVariable('$uuid')!.doc, /UUID/);
  assert.match(otherDynamicVariable('$isoTimestamp')!.doc, /ISO-8601/);
  assert.match(otherDynamicVariable('$password')!.doc, /masked/);
});
