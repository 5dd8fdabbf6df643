/**
 * The emulator against requests anyone on the machine can send: oversized bodies, path tricks, bodies
 * swapped under a signature, tokens of disabled and deleted users, deep nesting, an unwritable state
 * file, and `kill -9` while writing (every acknowledged write must survive the restart).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signRequest } from '../../core/auth/signer';
import { seededRandom } from '../../core/util/random';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { scaled } from '../support/mutation';

const AK = 'HOSTILEAK000000001';
const SK = 'hostile-secret-0001';
const BIN = join(__dirname, '../../../dist/emulator.js');
let emu: Emulator;

interface Reply {
  status: number;
  text: string;
}

interface SignedOptions {
  /** Where to send (another emulator). */
  target?: string;
  /** The body as text, sent as it is (for bodies JSON.stringify would not write). */
  raw?: string;
  /** Headers signed with the request. */
  headers?: Record<string, string>;
  /** A body sent instead of the one signed (a swap after signing). */
  swapBody?: string;
}

/** A request signed with the administrator's key. */
async function signed(method: string, path: string, body?: unknown, o: SignedOptions = {}): Promise<Reply> {
  const text = o.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const url = `${o.target ?? emu.url}${path}`;
  const headers = signRequest({
    method,
    url,
    headers: { ...(text ? { 'Content-Type': 'application/json' } : {}), ...o.headers },
    body: text,
    ak: AK,
    sk: SK,
  } as never);
  const res = await fetch(url, { method, headers, body: o.swapBody ?? text });
  return { status: res.status, text: await res.text() };
}

before(async () => {
  emu = await startEmulator({ ak: AK, sk: SK, seed: 4, images: 4 });
});
after(async () => emu.close());

test('a body over 1 MB is refused with 413, on any path and unauthenticated, and the emulator keeps serving', async () => {
  const big = 'a'.repeat(3 * 1024 * 1024);
  for (const path of ['/v3/users', `/v2/${emu.projectId}/images/x/tags`, '/nowhere']) {
    const res = await fetch(`${emu.url}${path}`, { method: 'POST', body: big });
    assert.equal(res.status, 413, path);
    assert.match(await res.text(), /larger than 1 MB/);
  }
  // Streamed without a Content-Length (chunked): refused as it passes the limit.
  const chunked = await new Promise<number>((resolve, reject) => {
    const req = request(`${emu.url}/v3/users`, { method: 'POST' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    for (let i = 0; i < 3; i++) req.write(Buffer.alloc(1024 * 1024, 97));
    req.end();
  });
  assert.equal(chunked, 413);
  const still = await signed('GET', '/v2/cloudimages');
  assert.equal(still.status, 200, 'still serving');
});

test('path parameters are matched before decoding: %2F is part of an image id, never a separator', async () => {
  const [a, b] = emu.store.all();
  a.tags.set('secret-of-a', 'x');
  // ".../images/<a>%2Ftags/..." must not reach image a's tags through a decoded path.
  const tricked = await signed('GET', `/v2/${emu.projectId}/images/${a.id}%2Ftags%2F..%2F${b.id}/tags`);
  assert.equal(tricked.status, 404, tricked.text);
  assert.doesNotMatch(tricked.text, /secret-of-a/);
  const encodedId = await signed('GET', `/v2/${emu.projectId}/images/${encodeURIComponent(a.id)}/tags`);
  assert.equal(encodedId.status, 200, 'an id that is merely escaped still works');
  assert.match(encodedId.text, /secret-of-a/);
  const tagKey = await signed('DELETE', `/v2/${emu.projectId}/images/${b.id}/tags/a%2Fb`);
  assert.equal(tagKey.status, 404, 'a tag key with a slash is one key');
});

test('malformed escapes and nesting past the limit are 400, never 500', async () => {
  for (const path of [`/v2/${emu.projectId}/images/%zz/tags`, '/v3/users/%E0%A4%A', '/v3/groups/%']) {
    const r = await signed('GET', path);
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.match(r.text, /malformed percent-escape/);
  }
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  const iam = await signed('POST', '/v3.0/OS-ROLE/roles', undefined, {
    raw: `{"role": {"display_name": "deep", "type": "AX", "policy": {"Version": "1.1", "Statement": ${deep}}}}`,
  });
  assert.equal(iam.status, 400, iam.text);
  assert.match(iam.text, /nests deeper than 512 levels/);
  const ims = await signed('POST', `/v2/${emu.projectId}/images/${emu.store.all()[0].id}/tags`, undefined, {
    raw: `{"tag": ${deep}}`,
  });
  assert.equal(ims.status, 400, ims.text);
});

test('a body that does not match its signed X-Sdk-Content-Sha256 is refused', async () => {
  const image = emu.store.all()[1];
  const path = `/v2/${emu.projectId}/images/${image.id}/tags`;
  const body = { tag: { key: 'env', value: 'dev' } };
  const headers = { 'X-Sdk-Content-Sha256': createHash('sha256').update(JSON.stringify(body)).digest('hex') };
  const swapped = await signed('POST', path, body, { headers, swapBody: JSON.stringify({ tag: { key: 'env', value: 'prod' } }) });
  assert.equal(swapped.status, 401);
  assert.match(swapped.text, /does not match its X-Sdk-Content-Sha256/);
  assert.notEqual(image.tags.get('env'), 'prod');
  const honest = await signed('POST', path, body, { headers });
  assert.equal(honest.status, 204, 'the same signed headers with the body they claim');
});

test('disabling or deleting a user revokes the tokens issued before', async () => {
  const tokenOf = async (name: string, password: string) => {
    const res = await fetch(`${emu.url}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name, password } } } } }),
    });
    assert.equal(res.status, 201);
    return res.headers.get('x-subject-token')!;
  };
  const list = async (token: string) => (await fetch(`${emu.url}/v3/projects`, { headers: { 'X-Auth-Token': token } })).status;
  for (const [name, revoke] of [
    ['erin-disabled', (id: string) => signed('PUT', `/v3.0/OS-USER/users/${id}`, { user: { enabled: false } })],
    ['frank-deleted', (id: string) => signed('DELETE', `/v3/users/${id}`)],
  ] as const) {
    const created = await signed('POST', '/v3.0/OS-USER/users', {
      user: { name, password: 'Pass-word-1', domain_id: emu.domainId },
    });
    assert.equal(created.status, 201, created.text);
    const id = (JSON.parse(created.text) as { user: { id: string } }).user.id;
    const token = await tokenOf(name, 'Pass-word-1');
    assert.equal(await list(token), 200, 'the token works while the user is active');
    assert.ok((await revoke(id)).status < 300);
    assert.equal(await list(token), 401, `${name}: the old token stops working`);
    if (name === 'erin-disabled') {
      await signed('PUT', `/v3.0/OS-USER/users/${id}`, { user: { enabled: true } });
      assert.equal(await list(token), 401, 'enabling the user again does not bring the old token back');
    }
  }
});

test('the state file is written 0600, an unwritable one stops the start with a clear message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ims-state-'));
  const file = join(dir, 'state.json');
  const e = await startEmulator({ ak: AK, sk: SK, stateFile: file });
  try {
    assert.equal(statSync(file).mode & 0o777, 0o600, 'users and secret keys are readable by the owner only');
  } finally {
    await e.close();
  }
  await assert.rejects(
    startEmulator({ ak: AK, sk: SK, stateFile: join(dir, 'missing-folder', 'state.json') }),
    /state file .*missing-folder.* cannot be written \(ENOENT\): choose a writable path/,
  );
  const child = spawn(process.execPath, [BIN, '--ak', AK, '--sk', SK, '--state', join(dir, 'no', 'such', 'state.json')]);
  let err = '';
  child.stderr.on('data', (b) => (err += b));
  assert.equal(await new Promise((r) => child.on('exit', r)), 1);
  assert.match(err, /cannot be written \(ENOENT\)/);
  assert.doesNotMatch(err, /Usage:/, 'not a usage error: the reason only');
});

/** Starts the emulator bin on a state file; resolves with its URL and the child. */
async function startBin(file: string): Promise<{ child: ChildProcess; url: string; projectId: string }> {
  const child = spawn(process.execPath, [
    BIN,
    '--port',
    '0',
    '--ak',
    AK,
    '--sk',
    SK,
    '--seed',
    '9',
    '--images',
    '3',
    '--state',
    file,
  ]);
  const out = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (b) => {
      text += b;
      if (text.includes('project_id:')) resolve(text);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${text}`)));
  });
  return { child, url: /listening on (\S+)/.exec(out)![1], projectId: /project_id: (\w+)/.exec(out)![1] };
}

test('kill -9 at random points while writing: every acknowledged write is there after a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ims-crash-'));
  const file = join(dir, 'state.json');
  const random = seededRandom(11);
  // Each value carries a sequence number; a writer's writes to its keys are one after another, so the
  // value on disk must be the acknowledged one or a later one (applied, then killed before the answer).
  const acknowledged = new Map<string, number>();
  let seq = 0;
  let acked = 0;
  let image = '';
  const kills = Math.max(3, scaled(10));
  for (let round = 0; round < kills; round++) {
    const { child, url, projectId } = await startBin(file);
    if (!image) {
      const list = await signed('GET', '/v2/cloudimages', undefined, { target: url });
      image = (JSON.parse(list.text) as { images: Array<{ id: string }> }).images[0].id;
    }
    const exited = new Promise((r) => child.on('exit', r));
    let killed = false;
    const writer = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const key = `w${w}-k${i % 3}`;
        const n = ++seq;
        try {
          const r = await signed(
            'POST',
            `/v2/${projectId}/images/${image}/tags`,
            { tag: { key, value: `s${n}` } },
            { target: url },
          );
          if (r.status === 204) {
            acknowledged.set(key, n);
            acked++;
          } else assert.fail(`a write answered ${r.status}: ${r.text}`);
        } catch (e) {
          if (e instanceof assert.AssertionError) throw e;
          // the connection died with the process: not acknowledged
        }
      }
    };
    const writers = [0, 1, 2].map(writer);
    await new Promise((r) => setTimeout(r, 50 + Math.floor(random() * 250)));
    child.kill('SIGKILL');
    killed = true;
    await exited;
    await Promise.all(writers);
  }
  const { child, url, projectId } = await startBin(file);
  try {
    const r = await signed('GET', `/v2/${projectId}/images/${image}/tags`, undefined, { target: url });
    const onDisk = new Map(
      (JSON.parse(r.text) as { tags: Array<{ key: string; value: string }> }).tags.map((t) => [t.key, Number(t.value.slice(1))]),
    );
    const lost = [...acknowledged].filter(([k, n]) => !((onDisk.get(k) ?? 0) >= n));
    assert.ok(seq > 3 * kills, `enough writes were made to mean something (${seq})`);
    assert.deepEqual(lost, [], `acknowledged writes lost over ${kills} kills (${seq} writes)`);
    process.stdout.write(
      `# crash durability: ${seq} writes sent, ${acked} acknowledged, ${lost.length} lost over ${kills} kills\n`,
    );
    assert.doesNotThrow(() => JSON.parse(readFileSync(file, 'utf8')), 'the state parses');
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.endsWith('.tmp')),
      [],
      'no temporary file is left behind after the restart',
    );
    assert.ok(existsSync(file));
  } finally {
    child.kill('SIGKILL');
  }
});
