/**
 * Effective permissions of one identity in 10 groups with 20 policies each (10 custom 1.1 policies
 * granted on the project or all projects, and 10 attached 5.0 policies, each with several statements and
 * wildcards): the judging of all 12 APIs (the target, issue [access]: under 50 ms), and the whole "My
 * permissions" read from a loopback emulator (IAM reads over HTTP, then the judging) for scale.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { effectivePermissions } from '../core/access/effective';
import { gatherAccessFacts } from '../core/access/gather';
import { IMS_ACTIONS } from '../core/catalogue';
import { IamClient } from '../core/client/iamClient';
import { startEmulator } from '../emulator/emulator';
import { percentile } from './stats';

export interface AccessRun {
  groups: number;
  policiesPerGroup: number;
  policies: number;
  judgeMs: { p50: number; p95: number; samples: number };
  gatherMs: { p50: number; samples: number };
  decisions: Record<string, number>;
}

function statements(g: number, p: number): unknown[] {
  const actions = IMS_ACTIONS.map((a) => a.name);
  const pick = (i: number) => actions[(g * 7 + p * 3 + i) % actions.length];
  return [
    { Effect: 'Allow', Action: [pick(0), pick(1), 'ecs:*:get*', 'evs:volumes:list'] },
    { Effect: 'Allow', Action: ['ims:*:list*', pick(2)], Resource: ['ims:*:*:image:*'] },
    // One Deny in the whole set: most APIs allowed, those needing the denied action denied.
    g === 0 && p === 11 ? { Effect: 'Deny', Action: ['ims:images:update'] } : { Effect: 'Allow', Action: [pick(3)] },
    { Effect: 'Allow', Action: ['obs:object:get*', 'vpc:*:list*'] },
  ];
}

export async function benchEffectiveAccess(groups = 10, perGroup = 20, samples = 50): Promise<AccessRun> {
  const half = perGroup / 2;
  const seed = {
    users: [{ name: 'busy-user' }],
    groups: Array.from({ length: groups }, (_, g) => ({ name: `team-${g}`, users: ['busy-user'] })),
    roles: Array.from({ length: groups * half }, (_, i) => ({
      display_name: `role-${i}`,
      type: 'XA',
      description: 'bench',
      policy: {
        Version: '1.1',
        Statement: statements(i % groups, i).filter((s) => (s as { Resource?: unknown }).Resource === undefined),
      },
    })),
    grants: Array.from({ length: groups * half }, (_, i) => ({
      role: `role-${i}`,
      group: `team-${i % groups}`,
      scope: i % 3 === 0 ? 'all-projects' : 'project',
    })),
    policies: Array.from({ length: groups * half }, (_, i) => ({
      name: `policy-${i}`,
      document: { Version: '5.0', Statement: statements(i % groups, i + 1) },
      groups: [`team-${i % groups}`],
    })),
  };
  const file = join(mkdtempSync(join(tmpdir(), 'ims-access-')), 'iam.json');
  writeFileSync(file, JSON.stringify(seed));
  const emu = await startEmulator({ ak: 'BENCHADMIN00000001', sk: 'bench-admin', seed: 1, images: 1, iamFile: file });
  try {
    const iam = new IamClient({
      endpoint: emu.url,
      projectId: emu.projectId,
      credentials: { kind: 'aksk', ak: 'BENCHADMIN00000001', sk: 'bench-admin' },
    });
    const userId = emu.iam.data.users.find((u) => u.name === 'busy-user')!.id;
    const gather: number[] = [];
    let facts = await gatherAccessFacts(iam, userId, emu.projectId);
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      facts = await gatherAccessFacts(iam, userId, emu.projectId);
      gather.push(performance.now() - t);
    }
    const judge: number[] = [];
    let access = effectivePermissions(facts);
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      access = effectivePermissions(facts);
      judge.push(performance.now() - t);
    }
    const decisions: Record<string, number> = {};
    for (const a of access) decisions[a.decision] = (decisions[a.decision] ?? 0) + 1;
    return {
      groups,
      policiesPerGroup: perGroup,
      policies: facts.grants.length + facts.attached.length,
      judgeMs: { p50: percentile(judge, 50), p95: percentile(judge, 95), samples },
      gatherMs: { p50: percentile(gather, 50), samples: gather.length },
      decisions,
    };
  } finally {
    await emu.close();
  }
}

if (require.main === module) {
  void benchEffectiveAccess().then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`));
}
