import type { Request } from 'express';

/** Waits `ms`, or less if the client goes away (a timed-out caller closes its socket). */
export function delay(ms: number, req: Request): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      req.socket.off('close', done);
      resolve();
    }
    req.socket.once('close', done);
  });
}
