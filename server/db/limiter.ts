import "server-only";
/**
 * The bounded queue in front of database work (issue 13). Every tRPC procedure and every REST route runs inside
 * `run()`: at most `maxInFlight` at once (about the pool size, so that work does not pile up inside the pool where
 * nothing bounds it), at most `maxQueued` waiting, each for at most `maxWaitMs`. Past that the caller is told
 * "busy, try again in N seconds" at once (503 + Retry-After) instead of hanging for half a minute: a page that
 * retries after a couple of seconds is better than one that times out, and a queue nobody will wait for only
 * makes every request behind it later.
 *
 * Hand-written rather than p-limit / p-queue: those bound concurrency but neither refuses past a queue length nor
 * gives up on a queued task after a deadline without extra machinery, and the health check reads the counters.
 * Work started inside a slot (a procedure calling another) runs in that slot, so nesting cannot deadlock.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { AppError } from "@/server/errors/app-error";

export type LimiterOptions = { maxInFlight: number; maxQueued: number; maxWaitMs: number; retryAfterSeconds: number };
export type LimiterStats = { inFlight: number; queued: number; maxInFlight: number; maxQueued: number; rejected: number; timedOut: number };

export type Limiter = {
  run<T>(work: () => Promise<T>): Promise<T>;
  stats(): LimiterStats;
  /** True when a request arriving now would wait (every slot taken) — what /api/health reports as "busy". */
  saturated(): boolean;
};

type Waiter = { start: () => void; timer: ReturnType<typeof setTimeout> };

export function createLimiter(options: LimiterOptions): Limiter {
  const holding = new AsyncLocalStorage<true>();
  const waiting: Waiter[] = [];
  let inFlight = 0;
  let rejected = 0;
  let timedOut = 0;

  const busy = () => new AppError("UNAVAILABLE", "busy", { seconds: options.retryAfterSeconds }, { retryAfterSeconds: options.retryAfterSeconds });

  function release() {
    const next = waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.start(); // the slot passes straight to the next waiter: inFlight stays the same
    } else inFlight--;
  }

  async function acquire(): Promise<void> {
    if (inFlight < options.maxInFlight) {
      inFlight++;
      return;
    }
    if (waiting.length >= options.maxQueued) {
      rejected++;
      throw busy();
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: resolve,
        timer: setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1);
          timedOut++;
          reject(busy());
        }, options.maxWaitMs),
      };
      waiting.push(waiter);
    });
  }

  return {
    async run(work) {
      if (holding.getStore()) return work();
      await acquire();
      try {
        return await holding.run(true, work);
      } finally {
        release();
      }
    },
    stats: () => ({ inFlight, queued: waiting.length, maxInFlight: options.maxInFlight, maxQueued: options.maxQueued, rejected, timedOut }),
    saturated: () => inFlight >= options.maxInFlight,
  };
}
