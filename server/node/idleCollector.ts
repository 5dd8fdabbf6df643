/**
 * A full garbage collection once the server has been idle for a second after documents changed: a
 * parse of a large document leaves megabytes of short-lived objects, and V8 otherwise keeps the heap
 * it grew for them. Exposed at run time, since the server is started by clients we do not control.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function idleCollector(): () => void {
  let gc: (() => void) | undefined;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  } catch {
    return () => undefined;
  }
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      gc?.();
      // A second pass frees what the first one's finalizers released.
      setTimeout(() => gc?.(), 200).unref();
    }, 1000);
    timer.unref();
  };
}
