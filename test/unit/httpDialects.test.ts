/**
 * `.http` files as httpyac, JetBrains (kulala, rest.nvim) and REST Client users write them, each construct
 * in the form its documentation gives: no false warning under the default (`any`), the construct named
 * with its dialect in the hover, and REST Client's stricter reading when `imsTags.http.dialect` asks for it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DialectSetting } from '../../core/http/dialects';
import { parseHttpFile } from '../../core/http/httpFile';
import { buildVariableSources, dotenvEnvironment } from '../../core/http/variables/sources';
import { SELECT_HTTP_ENVIRONMENT_COMMAND } from '../../core/protocol';
import { getLanguageService } from '../../server/languageService';
import { LOGIN_WITH_HANDLER } from '../support/http';
import { terraformService, tf } from '../support/terraform';

const HOST = 'https://ims.cn-north-4.myhuaweicloud.com';
const TAGS = `${HOST}/v2/p1/images/{{imageId}}/tags`;

interface Files {
  env?: object;
  dotenv?: string;
  envDotenv?: Array<{ label: string; text: string }>;
  otherDotenv?: Array<{ env: string; label: string; text: string }>;
  selected?: string;
  dialect?: DialectSetting;
}

function run(text: string, files: Files = {}) {
  const doc = TextDocument.create('file:///w/api.http', 'http', 1, text);
  const sources = buildVariableSources({
    settings: undefined,
    files: files.env
      ? [{ uri: 'file:///w/http-client.env.json', label: 'http-client.env.json', text: JSON.stringify(files.env) }]
      : [],
    ...(files.dotenv !== undefined ? { dotenv: { uri: 'file:///w/.env', text: files.dotenv } } : {}),
    envDotenv: (files.envDotenv ?? []).map((f) => ({ uri: `file:///w/${f.label}`, ...f })),
    otherDotenv: (files.otherDotenv ?? []).map((f) => ({ uri: `file:///w/${f.label}`, ...f })),
    selected: files.selected ?? '',
    dialect: files.dialect ?? 'any',
    processEnv: () => undefined,
    uuid: () => '00000000-0000-4000-8000-000000000000',
  });
  const ls = getLanguageService({ httpVariables: () => sources });
  const diagnostics = ls.diagnostics(doc);
  return {
    doc,
    ls,
    diagnostics,
    codes: diagnostics.map((d) => `${d.code} ${doc.getText(d.range)}`),
    hover: (needle: string) => {
      const h = ls.hover(doc, doc.positionAt(text.indexOf(needle) + 2));
      return h ? JSON.stringify(h.contents) : '';
    },
  };
}

/** A token request with a JetBrains response handler that sets `token`, then a request that uses it. */
const loginThenTags = (extraHeaders: string[] = []) =>
  [...LOGIN_WITH_HANDLER, '###', `GET ${HOST}/v2/p1/images/img-1/tags`, 'X-Auth-Token: {{token}}', ...extraHeaders, ''].join(
    '\n',
  );

test('file variables below a request, or after a handler, are read (REST Client reads every @name = value line)', () => {
  const r = run(
    `GET ${TAGS}\n\n@imageId = img-1\n\n###\nGET ${HOST}/v2/p1/images/{{other}}/tags\n\n> ./after.js\n\n@other = img-2\n`,
  );
  assert.deepEqual(r.codes, []);
  const file = parseHttpFile(r.doc.getText());
  assert.deepEqual(
    file.variables.map((v) => `${v.name}=${v.value}`),
    ['imageId=img-1', 'other=img-2'],
  );
  // The variable line is not the GET's body.
  assert.equal(file.requests[0].body, undefined);
  assert.match(r.hover('{{imageId}}'), /file variable/);
});

test('a JetBrains pre-request script is skipped as code: the request line after it, its request.variables.set, a # @prompt after it', () => {
  const text = `### tags\n< {%\n  request.variables.set("imageId", "img-" + $random.integer(1, 9));\n%}\n# @prompt reason Why\nGET ${TAGS}?r={{reason}}\n`;
  const r = run(text);
  assert.deepEqual(r.codes, []);
  const [request] = parseHttpFile(text).requests;
  assert.equal(request.method?.text, 'GET');
  assert.deepEqual(
    request.prompts.map((p) => p.name),
    ['reason'],
  );
  assert.match(
    r.hover('{{imageId}}'),
    /set by a pre-request script of this file \(request\.variables\.set, JetBrains HTTP Client/,
  );
  // The outline names the request by its title, not "GET < {%".
  assert.deepEqual(
    r.ls.documentSymbols(r.doc)?.map((s) => s.name),
    ['tags'],
  );
  // The script's hover says whose it is and what it sets.
  const onScript = r.hover('< {%');
  assert.match(onScript, /JetBrains HTTP Client \(and kulala, rest\.nvim\): pre-request script/);
  assert.match(onScript, /Sets `imageId` \(request\.variables\.set\)/);
  // From a file: `< ./before.js`.
  assert.equal(parseHttpFile(`< ./before.js\nGET ${HOST}/v2/p1/images\n`).requests[0].method?.text, 'GET');
});

test('variables set in a response handler (client.global.set) are set, not "defined nowhere"; the handler is not the body', () => {
  const text = loginThenTags();
  const r = run(text);
  assert.deepEqual(r.codes, []);
  assert.equal(parseHttpFile(text).requests[0].body?.text, '{"auth": {}}');
  assert.match(r.hover('{{token}}'), /set by a response handler of this file \(client\.global\.set/);
});

test('httpyac: script blocks ({{ … }} on lines of their own) with exports and $global, and ?? assertions, are code', () => {
  const text = [
    '{{',
    '  exports.imageId = "img-1";',
    '  $global.region = "cn-north-4";',
    '}}',
    `GET https://ims.{{region}}.myhuaweicloud.com/v2/p1/images/{{imageId}}/tags`,
    '',
    '?? status == 200',
    '?? js response.parsedBody.tags exists',
    '',
  ].join('\n');
  const r = run(text);
  assert.deepEqual(r.codes, []);
  const file = parseHttpFile(text);
  assert.equal(file.requests[0].body, undefined);
  assert.deepEqual(
    file.scripts.map((s) => `${s.kind} ${s.dialect}`),
    ['script block httpyac', 'assertion httpyac', 'assertion httpyac'],
  );
  assert.match(r.hover('{{imageId}}'), /\(exports, httpyac\)/);
});

test('{{$randomInt}} without bounds (httpyac, JetBrains, kulala), and the dynamic variables of JetBrains and httpyac', () => {
  const headers = [
    '$randomInt',
    '$random.uuid',
    '$isoTimestamp',
    '$random.integer(1, 10)',
    '$input tag',
    '$env.HOME',
    '$random.address.city',
  ];
  const text = `@imageId = img-1\nGET ${TAGS}\n${headers.map((h, i) => `X-${i}: {{${h}}}`).join('\n')}\n`;
  assert.deepEqual(run(text).codes, []);
  assert.match(
    run(text).hover('{{$random.uuid}}'),
    /JetBrains HTTP Client \(and kulala, rest\.nvim\) dynamic variable: a new UUID v4/,
  );
  assert.match(run(text).hover('{{$input tag}}'), /httpyac dynamic variable/);
  // REST Client needs the bounds, and knows none of the others (it leaves them alone, as before).
  assert.deepEqual(run(text, { dialect: 'rest-client' }).codes, ['system-variable {{$randomInt}}']);
});

test('a request named by its one-word ### title can be referenced, as httpyac, JetBrains and kulala name it', () => {
  const text = `### login\nPOST https://iam.myhuaweicloud.com/v3/auth/tokens\n\n###\nGET ${HOST}/v2/p1/images/img-1/tags\nX-Auth-Token: {{login.response.headers.X-Subject-Token}}\n`;
  assert.deepEqual(run(text).codes, []);
  assert.deepEqual(run(text, { dialect: 'rest-client' }).codes, ['request-variable {{login.response.headers.X-Subject-Token}}']);
  // A title of several words names nothing.
  const spaced = text.replace('### login', '### log in');
  assert.deepEqual(run(spaced).codes, ['request-variable {{login.response.headers.X-Subject-Token}}']);
});

test('httpyac .env files define plain {{NAME}} variables: .env, and the selected environment’s .env.<name> and <name>.env', () => {
  const text = `GET ${HOST}/v2/{{PROJECT}}/images/{{imageId}}/tags\n`;
  const files: Files = {
    dotenv: 'PROJECT=p-from-dotenv\n',
    envDotenv: [{ label: '.env.dev', text: 'imageId=img-dev\n' }],
    selected: 'dev',
  };
  assert.deepEqual(run(text, files).codes, []);
  const hover = run(text, files).hover('{{imageId}}');
  assert.match(hover, /\.env\.dev \(httpyac reads \.env files as variables\)/);
  assert.doesNotMatch(hover, /img-dev/, 'a .env value is a secret: masked');
  assert.deepEqual(
    run(text, { ...files, dialect: 'rest-client' }).codes.map((c) => c.split(' ')[0]),
    ['undefined-variable', 'undefined-variable'],
  );
  // The environment not selected: its .env.<name> says where the name is, and offers to select it.
  const unselected = run(text, {
    dotenv: 'PROJECT=p-from-dotenv\n',
    otherDotenv: [
      { env: 'dev', label: '.env.dev', text: 'imageId=img-dev\n' },
      { env: 'prod', label: 'prod.env', text: 'imageId=img-prod\n' },
    ],
  });
  assert.deepEqual(unselected.codes, ['environment-not-selected {{imageId}}']);
  assert.match(unselected.diagnostics[0].message as string, /defined in the environments dev, prod/);
});

test('a name only unselected environments define: says which, and offers to select each (not "defined nowhere")', () => {
  const env = { dev: { imageId: 'img-dev' }, prod: { imageId: 'img-prod' }, test: { other: 'x' } };
  const r = run(`GET ${TAGS}\n`, { env });
  assert.deepEqual(r.codes, ['environment-not-selected {{imageId}}']);
  assert.equal(
    r.diagnostics[0].message,
    '{{imageId}} is defined in the environments dev, prod, not in the selected one (none selected): select one of them (IMS: Select .http Environment, or the status bar).',
  );
  const actions = r.ls.codeActions(r.doc, r.diagnostics);
  assert.deepEqual(
    actions.map((a) => [a.title, a.command?.command, a.command?.arguments]),
    [
      ['Select the .http environment "dev"', SELECT_HTTP_ENVIRONMENT_COMMAND, ['dev']],
      ['Select the .http environment "prod"', SELECT_HTTP_ENVIRONMENT_COMMAND, ['prod']],
    ],
  );
  assert.deepEqual(run(`GET ${TAGS}\n`, { env, selected: 'prod' }).codes, []);
  // Defined nowhere at all: still "defined nowhere".
  assert.match(
    run(`GET ${HOST}/v2/p1/images/{{nothing}}/tags\n`, { env }).diagnostics[0].message as string,
    /is defined nowhere/,
  );
});

test('a policy saved as .json with a comment or a trailing comma gets a syntax error (other clients than VS Code); .jsonc does not', () => {
  const ls = getLanguageService();
  // A URI of its own for each text: the service keeps a parse per URI and version.
  let n = 0;
  const check = (text: string, languageId: string) =>
    ls
      .diagnostics(TextDocument.create(`file:///w/p${++n}.${languageId}`, languageId, 1, text))
      .filter((d) => d.code === 'json-syntax')
      .map((d) => String(d.message));
  const commented =
    '{\n  // who may tag\n  "Version": "1.1",\n  "Statement": [{ "Effect": "Allow", "Action": ["ims:images:list"] }]\n}\n';
  assert.deepEqual(check(commented, 'json'), [
    'JSON has no comments, and IAM refuses a policy with one: remove it (or name the file .jsonc for notes kept out of IAM).',
  ]);
  assert.deepEqual(check(commented, 'jsonc'), []);
  const trailing = '{\n  "Version": "1.1",\n  "Statement": [{ "Effect": "Allow", "Action": ["ims:images:list"], }]\n}\n';
  assert.deepEqual(check(trailing, 'json'), [
    'JSON allows no comma before a closing bracket, and IAM refuses a policy with one: remove it.',
  ]);
  assert.deepEqual(check(trailing, 'jsonc'), []);
});

test('a Terraform tag value with a leading or trailing space breaks the tag rule; one with ${…} is an expression, not judged', async () => {
  const ls = await terraformService();
  const d = tf(
    'resource "huaweicloud_images_image" "i" {\n  tags = {\n    team = " blue"\n    env  = "prod "\n    ok   = "fine"\n    dyn  = "${var.x} "\n  }\n}\n',
  );
  assert.deepEqual(
    ls.diagnostics(d).map((x) => `${x.code} ${d.getText(x.range)}`),
    ['tag-rule  blue', 'tag-rule prod '],
  );
});

test('completion offers what the dialects define (script-set names, .env names, requests by title); definition lands on the setter', () => {
  const text = loginThenTags(['X-Env: {{']);
  const r = run(text, { dotenv: 'FROM_DOTENV=1\n' });
  const at = text.indexOf('X-Env: {{') + 'X-Env: {{'.length;
  const labels = r.ls.complete(r.doc, r.doc.positionAt(at)).items.map((i) => i.label);
  for (const l of ['token', 'FROM_DOTENV', 'login.response.headers.X-Subject-Token'])
    assert.ok(labels.includes(l), `${l} in ${labels.join(', ')}`);
  const def = r.ls.definition(r.doc, r.doc.positionAt(text.indexOf('{{token}}') + 3));
  assert.equal(def && r.doc.getText(def.range), 'token');
  assert.equal(def?.range.start.line, 7);
});

test('found by a second trial: httpyac post-request script blocks and @loop, kulala response forms, continuation lines', () => {
  const post = [
    '# @name listTags',
    `POST ${HOST}/v2/p1/images/img-1/tags`,
    'Content-Type: application/json',
    '',
    '{"tag": {"key": "k", "value": "v"}}',
    '',
    '{{',
    '  exports.firstKey = response.parsedBody.tags[0].key;',
    '}}',
    '',
    '###',
    '# @loop for item of ["img-1", "img-2"]',
    `GET ${HOST}/v2/p1/images/{{item}}/tags?k={{firstKey}}`,
    "X-Date: {{listTags.response.headers['Date']}}",
    'X-Session: {{listTags.response.cookies.SESSION.value}}',
    '',
  ].join('\n');
  assert.deepEqual(run(post).codes, []);
  const file = parseHttpFile(post);
  assert.equal(file.requests[0].body?.text, '{"tag": {"key": "k", "value": "v"}}');
  assert.deepEqual(
    file.scriptVariables.map((v) => `${v.name} ${v.via}`),
    ['firstKey exports', 'item @loop'],
  );
  // After a GET, the block is no body either.
  assert.deepEqual(run(`GET ${HOST}/v2/p1/images/img-1/tags\n\n{{@response\n  console.log(response);\n}}\n`).codes, []);
  // A variable on a query continuation line is judged as on the request line.
  assert.deepEqual(run(`GET ${HOST}/v2/p1/images/img-1/tags\n    ?limit={{nowhere}}\n`).codes, [
    'undefined-variable {{nowhere}}',
  ]);
});

test('a .env template committed for others to copy (.env.example, .env.sample, .env.template, .env.dist) is no environment', () => {
  assert.equal(dotenvEnvironment('.env.dev'), 'dev');
  assert.equal(dotenvEnvironment('prod.env'), 'prod');
  for (const name of ['.env.example', '.env.sample', '.env.Template', '.env.dist', 'example.env'])
    assert.equal(dotenvEnvironment(name), undefined, name);
  assert.equal(dotenvEnvironment('.env.examples'), 'examples');
});
