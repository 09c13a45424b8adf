import type { Request } from 'express';

/** Waits in progress, so shutdown can end them instead of holding connections open. */
const pending = new Set<() => void>();

/**
 * Waits `ms`, or less if the client goes away (a timed-out caller closes its socket, possibly
 * before the wait starts) or the sandbox shuts down.
 */
export function delay(ms: number, req: Request): Promise<void> {
  if (ms <= 0 || req.socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      req.socket.off('close', done);
      pending.delete(done);
      resolve();
    }
    pending.add(done);
    req.socket.once('close', done);
  });
}

/** Ends every wait at once (called when the sandbox shuts down). */
export function releaseAllDelays(): void {
  for (const done of [...pending]) done();
}
