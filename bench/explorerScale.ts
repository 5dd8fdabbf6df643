/**
 * The explorer's calls at scale, against the emulator with 10,000 images: the first page of the tree,
 * each "Load more…", find-by-tags over every page; and batch tagging under --fail-rate 0.1, checked
 * to end exactly right.
 */
import { performance } from 'node:perf_hooks';
import { ImsClient } from '../core/client/imsClient';
import { mapLimit } from '../core/client/concurrency';
import { startEmulator } from '../emulator/emulator';
import { PAGE_SIZE } from '../client/explorer/pageSize';
import { percentile } from './stats';

export interface ScaleRun {
  images: number;
  firstPageMs: number;
  loadMore: { p50: number; p95: number; pages: number };
  findByTags: { ms: number; found: number };
  faults: { images: number; failRate: number; faultsInjected: number; ms: number; exact: boolean; notDone: number };
}

export async function benchScale(images = 10_000): Promise<ScaleRun> {
  const emu = await startEmulator({ ak: 'SCALEAK', sk: 'SCALESK', seed: 21, images });
  let run: Omit<ScaleRun, 'faults'>;
  try {
    const c = new ImsClient({
      endpoint: emu.url,
      projectId: emu.projectId,
      credentials: { kind: 'aksk', ak: 'SCALEAK', sk: 'SCALESK' },
    });
    let s = performance.now();
    let page = await c.listImages({ limit: PAGE_SIZE, __imagetype: 'private' });
    const firstPageMs = performance.now() - s;
    const times: number[] = [];
    for (let i = 0; i < 40 && page.images.length === PAGE_SIZE; i++) {
      s = performance.now();
      page = await c.listImages({ limit: PAGE_SIZE, __imagetype: 'private', marker: page.images[page.images.length - 1].id });
      times.push(performance.now() - s);
    }
    s = performance.now();
    let found = 0;
    for await (const r of c.imagesByTags({ tags: [{ key: 'env', values: ['prod'] }] }, 200)) if (r) found++;
    run = {
      images,
      firstPageMs,
      loadMore: { p50: percentile(times, 50), p95: percentile(times, 95), pages: times.length },
      findByTags: { ms: performance.now() - s, found },
    };
  } finally {
    await emu.close();
  }
  // Batch tagging 1,000 images while one request in ten fails (500, 503, 429, dropped after applying).
  const faulty = await startEmulator({
    ak: 'SCALEAK',
    sk: 'SCALESK',
    seed: 22,
    images: 1000,
    failRate: 0.1,
    faultSeed: 5,
    retryAfter: 0,
  });
  try {
    const c = new ImsClient({
      endpoint: faulty.url,
      projectId: faulty.projectId,
      credentials: { kind: 'aksk', ak: 'SCALEAK', sk: 'SCALESK' },
      baseDelayMs: 20,
      maxAttempts: 6,
    });
    const before = new Map(faulty.store.all().map((i) => [i.id, new Map(i.tags)]));
    const s = performance.now();
    const results = await mapLimit(
      [...before.keys()],
      (id) => c.batchAddOrDeleteTags(id, 'create', [{ key: 'wave', value: '2' }]),
      { limit: 8 },
    );
    const ms = performance.now() - s;
    const exact = faulty.store.all().every((i) => {
      const expected = new Map(before.get(i.id)!);
      expected.set('wave', '2');
      return JSON.stringify([...i.tags].sort()) === JSON.stringify([...expected].sort());
    });
    const faultsInjected = Object.values(faulty.stats.faults).reduce((a, b) => a + b, 0);
    return {
      ...run,
      faults: { images: 1000, failRate: 0.1, faultsInjected, ms, exact, notDone: results.filter((r) => !r.ok).length },
    };
  } finally {
    await faulty.close();
  }
}
