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
