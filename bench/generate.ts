/** Deterministic generated documents for benchmarks. */
import { IMS_ACTIONS, IMS_APIS } from '../core/catalogue';
import { randomInt, seededRandom } from '../core/util/random';

const SERVICES: Array<[string, string[]]> = [
  ['ims', []],
  ['ecs', ['cloudServers', 'servers', 'serverVolumes', 'serverVolumeAttachments']],
  ['evs', ['volumes', 'snapshots']],
  ['obs', ['bucket', 'object']],
  ['vpc', ['vpcs', 'subnets', 'securityGroups']],
];
const OPS = ['get', 'list', 'create', 'update', 'delete', 'attach', 'detach', 'use'];

/** A Version 1.1 policy of about `bytes` bytes: 8 statements of many actions, one Deny. */
export function generatePolicy(bytes: number, seed = 1): string {
  const random = seededRandom(seed);
  const rnd = (n: number) => randomInt(random, n);
  const statements: string[] = [];
  const perStatement = Math.max(1, Math.floor(bytes / 8));
  for (let i = 0; i < 8; i++) {
    const actions: string[] = ['"ims:images:list"', '"ims:images:get"'];
    const seen = new Set(actions);
    let size = 60;
    while (size < perStatement) {
      const [svc, types] = SERVICES[rnd(SERVICES.length)];
      // IMS actions come from the catalogue (a real policy has few typos); other services are made up.
      const a =
        svc === 'ims'
          ? `"${IMS_ACTIONS[rnd(IMS_ACTIONS.length)].name}"`
          : `"${svc}:${types[rnd(types.length)]}:${OPS[rnd(OPS.length)]}${rnd(5000)}"`;
      if (seen.has(a)) continue; // a statement lists an action once
      seen.add(a);
      actions.push(a);
      size += a.length + 10; // with the ",\n        " separator
    }
    statements.push(
      `    {\n      "Effect": "${i === 7 ? 'Deny' : 'Allow'}",\n      "Action": [\n        ${actions.join(',\n        ')}\n      ]\n    }`,
    );
  }
  return `{\n  "Version": "1.1",\n  "Statement": [\n${statements.join(',\n')}\n  ]\n}\n`;
}

/**
 * The shapes of policy documents the server is measured on ([perf-3]): one generator a shape, each of
 * about `bytes` bytes, each holding `"ims:images:list"` and `"ims:images:get"` near its middle (where
 * completion, hover and the edit happen).
 */
export const POLICY_SHAPES: Record<string, { describe: string; generate: (bytes: number) => string }> = {
  'ims-long': { describe: '1.1, 8 statements of long Action lists, IMS and other services', generate: (b) => generatePolicy(b) },
  'others-long': {
    describe: "1.1, 8 statements of other services' actions (a generated many-service policy)",
    generate: (b) => generateOthersPolicy(b),
  },
  'v5-minified': {
    describe: '5.0, thousands of small statements with Resource URNs and Conditions, minified on one line',
    generate: (b) => generateV5Statements(b, true),
  },
  'v5-pretty': { describe: 'the same 5.0 statements, pretty-printed', generate: (b) => generateV5Statements(b, false) },
  'conditions-deep': {
    describe: '1.1, few actions, deep and wide Condition blocks with long value lists',
    generate: (b) => generateConditionHeavy(b),
  },
  'long-strings': {
    describe: '1.1, long strings: Resource paths and Condition values of several KB',
    generate: (b) => generateLongStrings(b),
  },
};

/** Statements around a middle one that holds the measured actions. */
function withMiddle(statements: unknown[], middle: unknown): unknown[] {
  const half = Math.floor(statements.length / 2);
  return [...statements.slice(0, half), middle, ...statements.slice(half)];
}

const MIDDLE_11 = { Effect: 'Allow', Action: ['ims:images:list', 'ims:images:get'] };

function policyOf(version: string, statements: unknown[], minified = false): string {
  const doc = { Version: version, Statement: statements };
  return `${minified ? JSON.stringify(doc) : JSON.stringify(doc, null, 2)}\n`;
}

/** The first shape: eight statements of ~3,300 actions each, none of them IMS. */
function generateOthersPolicy(bytes: number): string {
  const random = seededRandom(2);
  const rnd = (n: number) => randomInt(random, n);
  const statements: unknown[] = [];
  const perStatement = Math.max(1, Math.floor(bytes / 8));
  for (let i = 0; i < 8; i++) {
    const actions = new Set<string>();
    let size = 60;
    while (size < perStatement) {
      const [svc, types] = SERVICES[1 + rnd(SERVICES.length - 1)];
      const a = `${svc}:${types[rnd(types.length)]}:${OPS[rnd(OPS.length)]}${rnd(100_000)}`;
      if (actions.has(a)) continue;
      actions.add(a);
      size += a.length + 10;
    }
    statements.push({ Effect: i === 7 ? 'Deny' : 'Allow', Action: [...actions] });
  }
  return policyOf('1.1', withMiddle(statements, MIDDLE_11));
}

/** Small 5.0 statements, valid as IAM reads them: image actions on image URNs, decided by the image's tags. */
function generateV5Statements(bytes: number, minified: boolean): string {
  const random = seededRandom(3);
  const rnd = (n: number) => randomInt(random, n);
  const statements: unknown[] = [];
  // The actions of the snapshot that take an image and read g:ResourceTag on it (core/catalogue/iam5).
  const tagged = ['ims:images:setTags', 'ims:images:getTags', 'ims:images:addMember'];
  let size = 0;
  while (size < bytes) {
    const urn = `ims:cn-north-4:0a1b2c3d${rnd(100)}:image:${rnd(1_000_000).toString(16).padStart(8, '0')}-img`;
    const s = {
      Effect: rnd(10) === 0 ? 'Deny' : 'Allow',
      Action: [tagged[rnd(tagged.length)], ...(rnd(2) ? ['ims:images:get'] : [])],
      Resource: [urn],
      ...(rnd(4) === 0
        ? {}
        : { Condition: { StringEquals: { [`g:ResourceTag/team${rnd(20)}`]: [`blue${rnd(50)}`, `green${rnd(50)}`] } } }),
    };
    // g:ResourceTag applies to the tag actions, not to get: get goes in a statement of its own.
    if (s.Condition && s.Action.length > 1) s.Action.pop();
    statements.push(s);
    size += JSON.stringify(s).length + (minified ? 1 : 120);
  }
  const middle = { Effect: 'Allow', Action: ['ims:images:list', 'ims:images:get'], Resource: ['*'] };
  return policyOf('5.0', withMiddle(statements, middle), minified);
}

/** 1.1 statements whose Conditions are the bulk: many operators, many keys, long value lists. */
function generateConditionHeavy(bytes: number): string {
  const random = seededRandom(4);
  const rnd = (n: number) => randomInt(random, n);
  const operators = ['StringEquals', 'StringNotEquals', 'StringLike', 'StringMatch', 'NumberLessThan', 'Bool', 'DateGreaterThan'];
  const statements: unknown[] = [];
  let size = 0;
  while (size < bytes) {
    const condition: Record<string, Record<string, string[]>> = {};
    for (const op of operators.slice(0, 2 + rnd(operators.length - 2))) {
      const block: Record<string, string[]> = {};
      for (let k = 0; k < 3 + rnd(6); k++)
        block[`g:ResourceTag/key${rnd(200)}`] = Array.from({ length: 5 + rnd(40) }, () => `value-${rnd(100_000)}`);
      condition[op] = block;
    }
    const s = { Effect: 'Allow', Action: ['ims:images:get', 'ims:images:list'], Condition: condition };
    statements.push(s);
    size += JSON.stringify(s, null, 2).length;
  }
  return policyOf('1.1', withMiddle(statements, MIDDLE_11));
}

/** 1.1 statements with very long strings: Resource paths and Condition values of several KB. */
function generateLongStrings(bytes: number): string {
  const random = seededRandom(5);
  const rnd = (n: number) => randomInt(random, n);
  const statements: unknown[] = [];
  let size = 0;
  let i = 0;
  while (size < bytes) {
    const long = (n: number) => Array.from({ length: n }, () => rnd(36).toString(36)).join('');
    const s = {
      Effect: 'Allow',
      Action: ['ims:images:get'],
      Resource: [`obs:*:*:object:bucket${i++}/${long(6000)}`],
      Condition: { StringEquals: { 'g:ResourceTag/note': [long(2000)] } },
    };
    statements.push(s);
    size += JSON.stringify(s, null, 2).length;
  }
  return policyOf('1.1', withMiddle(statements, MIDDLE_11));
}

/** A .http file of `count` IMS requests cycling through the catalogue's APIs, with file variables. */
export function generateHttp(count: number): string {
  const lines = ['@region = cn-north-4', '@projectId = p1', '@imageId = img-1', ''];
  for (let i = 0; i < count; i++) {
    const api = IMS_APIS[i % IMS_APIS.length];
    let path = api.path;
    for (const p of api.pathParams) path = path.replace(`{${p.name}}`, `{{${p.variable}}}`);
    lines.push(`### request ${i}`, `${api.method} https://ims.{{region}}.myhuaweicloud.com${path}`);
    if (api.bodySchema) lines.push(`Content-Type: ${api.contentType}`, '', JSON.stringify(api.exampleBody));
    lines.push('');
  }
  return `${lines.join('\n')}\n###\n\n`;
}

/** `count` small policies, each allowing a few IMS actions; one in ten also denies one. */
export function generatePolicyFiles(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const statements: unknown[] = [
      { Effect: 'Allow', Action: [IMS_ACTIONS[i % IMS_ACTIONS.length].name, 'ims:images:list', `ecs:servers:get${i}`] },
    ];
    if (i % 10 === 9) statements.push({ Effect: 'Deny', Action: ['ims:images:delete'] });
    out.push(JSON.stringify({ Version: '1.1', Statement: statements }, null, 2));
  }
  return out;
}

/**
 * `count` Terraform files of 5 policies each: three custom policies in heredocs (1.1) and two 5.0
 * policies in `jsonencode`, and an image with tags.
 */
export function generateTerraformFiles(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const blocks: string[] = [];
    for (let r = 0; r < 3; r++)
      blocks.push(
        `resource "huaweicloud_identity_role" "role_${r}" {\n  name   = "role-${i}-${r}"\n  type   = "XA"\n  policy = <<EOT\n${JSON.stringify({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:list', IMS_ACTIONS[(i + r) % IMS_ACTIONS.length].name] }] }, null, 2)}\nEOT\n}\n`,
      );
    for (let r = 0; r < 2; r++)
      blocks.push(
        `resource "huaweicloud_identityv5_policy" "policy_${r}" {\n  name = "policy-${i}-${r}"\n  policy_document = jsonencode({\n    Version = "5.0"\n    Statement = [\n      { Effect = "Allow", Action = ["ims:images:getTags", "ims:images:setTags"], Resource = ["ims:*:*:image:*"] },\n      { Effect = "Deny", Action = ["ims:images:delete"], Resource = ["*"] }\n    ]\n  })\n}\n`,
      );
    blocks.push(
      `resource "huaweicloud_images_image" "image" {\n  name = "image-${i}"\n  tags = {\n    env  = "prod"\n    team = "t${i % 20}"\n  }\n}\n`,
    );
    out.push(blocks.join('\n'));
  }
  return out;
}
