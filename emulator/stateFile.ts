/**
 * The `--state` file, written so that an acknowledged change survives a crash: the emulator answers a
 * change only once its state is on disk (a temporary file written and fsync'ed, renamed over the old
 * one, the folder fsync'ed so the rename itself is durable). Changes made while a write is waiting share
 * it; writes never overlap. The file holds users' secret keys and passwords: it is created 0600.
 */
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface StateWriter {
  /** Resolves when the state as it is now is on disk; rejects when it could not be written. */
  persist(): Promise<void>;
  /** Every write begun so far has ended. */
  settled(): Promise<void>;
}

const tmpName = (file: string) => `${file}.${process.pid}.tmp`;

async function writeDurably(file: string, text: string): Promise<void> {
  const tmp = tmpName(file);
  const handle = await fs.open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, file);
  const dir = await fs.open(dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** Temporary files a killed emulator left beside the state file (`state.json.<pid>.tmp`). */
export async function removeLeftovers(file: string): Promise<void> {
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = await fs.readdir(dirname(file));
  } catch {
    return;
  }
  for (const name of names)
    if (name.startsWith(prefix) && /^\d+\.tmp$/.test(name.slice(prefix.length)))
      await fs.rm(join(dirname(file), name), { force: true });
}

/**
 * A writer of `snapshot()` to `file`. The first write happens at once, so an unwritable `--state`
 * stops the start with a clear message instead of silently saving nothing.
 */
export async function stateWriter(file: string | undefined, snapshot: () => unknown): Promise<StateWriter> {
  if (!file) return { persist: () => Promise.resolve(), settled: () => Promise.resolve() };
  await removeLeftovers(file);
  try {
    await writeDurably(file, JSON.stringify(snapshot()));
  } catch (e) {
    throw new Error(
      `the state file ${file} cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): choose a writable path`,
      {
        cause: e,
      },
    );
  }
  let running: Promise<void> = Promise.resolve();
  let waiting: Promise<void> | undefined;
  return {
    persist() {
      // A write not begun yet takes this change too: its snapshot is taken when it begins.
      if (waiting) return waiting;
      const next = running
        .catch(() => undefined)
        .then(() => {
          waiting = undefined;
          return writeDurably(file, JSON.stringify(snapshot()));
        });
      waiting = next;
      running = next;
      return next;
    },
    settled: () => running.catch(() => undefined),
  };
}
