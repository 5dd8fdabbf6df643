import { UNDER_MUTATION } from './mutation';

/**
 * Documents a stranger could put in a workspace, shared by the hostile-input tests and the benchmark
 * (bench/hostileInputs.ts): pathological wildcards, self-referencing and exponentially wide variables, a
 * 10,000-variable chain, long runs of white space, nesting 100,000 deep.
 */

/**
 * The bound of the hostile-input tests: far above every speed target (those are measured in bench/, not
 * asserted in tests), so only a hang or a super-linear blow-up crosses it. Under StrykerJS (it sets
 * STRYKER_NAMESPACE in the test process) every branch of core/ is switched at run time and counted, which
 * makes the same work many times slower: there the bound is wider, and Stryker's own timeout judges hangs
 * (test/support/mutation.ts).
 */
export const HANG_BOUND_MS = UNDER_MUTATION ? 30_000 : 2_000;
export const EVIL_WILDCARD = 'ims:*a*a*a*a*a*a*a*a*a*a*a*a*b';
const HOST = 'https://ims.cn-north-4.myhuaweicloud.com';

export interface HostileDocument {
  name: string;
  languageId: 'json' | 'http' | 'terraform';
  text: string;
}

export function hostileDocuments(): HostileDocument[] {
  const long = `ims:${'a'.repeat(20_000)}`;
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  const spaces = ' '.repeat(200_000);
  return [
    {
      name: 'policy: pathological wildcards, a 100,000-character unknown action',
      languageId: 'json',
      text: JSON.stringify({
        Version: '1.1',
        Statement: [
          { Effect: 'Allow', Action: [EVIL_WILDCARD, long, `ims:images:${'q'.repeat(100_000)}`] },
          { Effect: 'Deny', Action: [long, EVIL_WILDCARD], Resource: [`IMS:*:*:image:${'*a'.repeat(500)}b`] },
        ],
      }),
    },
    { name: 'policy: nested 100,000 deep', languageId: 'json', text: `{"Version": "1.1", "Statement": ${deep}}` },
    {
      name: '.http: variables that refer to themselves, grow exponentially, chain 10,000 deep',
      languageId: 'http',
      text: variableBomb(),
    },
    {
      name: '.http: runs of 200,000 spaces',
      languageId: 'http',
      text: [
        `@x = a${spaces}b${spaces}`,
        `# @prompt p${spaces}d${spaces}`,
        `# @name${spaces}`,
        `GET ${HOST}/v2/p/images${spaces}HTTP/1.1${spaces}x`,
        '',
      ].join('\n'),
    },
    {
      name: '.http: a body nested 100,000 deep',
      languageId: 'http',
      text: `POST ${HOST}/v2/p/images/i/tags\nContent-Type: application/json\n\n{"tag": ${deep}}\n`,
    },
    {
      name: 'Terraform: pathological wildcards in jsonencode and a heredoc',
      languageId: 'terraform',
      text: terraformWildcards(),
    },
    {
      name: 'Terraform: nested 100,000 deep',
      languageId: 'terraform',
      text: `locals {\n  x = ${'{ a = '.repeat(100_000)}1${' }'.repeat(100_000)}\n}\n`,
    },
  ];
}

/** Self-reference, a cycle of two, 30 levels of tenfold width, and a 10,000-variable chain. */
export function variableBomb(): string {
  const wide = Array.from({ length: 30 }, (_, i) => `@w${i + 1} = ${`{{w${i}}}`.repeat(10)}`).join('\n');
  const chain = Array.from({ length: 10_000 }, (_, i) => `@c${i + 1} = {{c${i}}}x`).join('\n');
  return [
    '@w0 = 0123456789',
    wide,
    `@self = ${'{{self}}'.repeat(40)}`,
    '@a = {{b}}',
    '@b = {{a}}',
    '@c0 = start',
    chain,
    `GET ${HOST}/v2/{{self}}/images/{{w30}}/tags?x={{c10000}}&y={{a}}`,
    '',
  ].join('\n');
}

/** Pathological wildcards and a 20,000-character action in jsonencode, and in a 5.0 heredoc. */
export function terraformWildcards(): string {
  return [
    'resource "huaweicloud_identity_role" "r" {',
    '  policy = jsonencode({',
    '    Version = "1.1"',
    `    Statement = [{ Effect = "Allow", Action = ["${EVIL_WILDCARD}", "ims:${'a'.repeat(20_000)}"] }]`,
    '  })',
    '}',
    'resource "huaweicloud_identityv5_policy" "p" {',
    '  policy_document = <<EOF',
    `{"Version": "5.0", "Statement": [{"Effect": "Deny", "Action": ["${EVIL_WILDCARD}"], "Resource": ["ims:*:*:image:${'*a'.repeat(300)}"]}]}`,
    'EOF',
    '}',
    '',
  ].join('\n');
}
