/**
 * Batch tagging against the emulator with network latency: 1,000 images tagged with bounded
 * concurrency (8) against one at a time, the end state checked to be the same.
 */
import { performance } from 'node:perf_hooks';
import { ImsClient } from '../core/client/imsClient';
import { mapLimit } from '../core/client/concurrency';
import { startEmulator } from '../emulator/emulator';

export interface BatchRun {
  images: number;
  latencyMs: number;
  concurrentMs: number;
  sequentialMs: number;
  speedup: number;
  sameEndState: boolean;
}

async function tagAll(images: number, latencyMs: number, concurrency: number): Promise<{ ms: number; state: string }> {
  const emu = await startEmulator({ ak: 'BENCHAK', sk: 'BENCHSK', seed: 77, images, latencyMs });
  try {
    const c = new ImsClient({
      endpoint: emu.url,
      projectId: emu.projectId,
      credentials: { kind: 'aksk', ak: 'BENCHAK', sk: 'BENCHSK' },
    });
    const ids = emu.store.all().map((i) => i.id);
    const started = performance.now();
    const results = await mapLimit(ids, (id) => c.addImageTag(id, { key: 'bench', value: 'batch-1' }), { limit: concurrency });
    const ms = performance.now() - started;
    if (results.some((r) => !r.ok)) throw new Error('some images were not tagged');
    const state = JSON.stringify(emu.store.toJSON());
    return { ms, state };
  } finally {
    await emu.close();
  }
}

export async function benchBatch(images = 1000, latencyMs = 50): Promise<BatchRun> {
  const concurrent = await tagAll(images, latencyMs, 8);
  const sequential = await tagAll(images, latencyMs, 1);
  return {
    images,
    latencyMs,
    concurrentMs: concurrent.ms,
    sequentialMs: sequential.ms,
    speedup: sequential.ms / concurrent.ms,
    sameEndState: concurrent.state === sequential.state,
  };
}
