import "server-only";

export type RepeatingJob = { stop(): Promise<void> };

/**
 * Runs `run` now and then every `intervalMs` after the previous run ends (never two at once); an error is handed
 * to `onError` and the next run is scheduled all the same. `stop()` waits for a run in progress. The timer does
 * not keep the process alive.
 */
export function startRepeatingJob(intervalMs: number, run: () => Promise<unknown>, onError: (err: unknown) => void): RepeatingJob {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();

  const tick = () => {
    timer = null;
    running = (async () => {
      try {
        await run();
      } catch (err) {
        onError(err);
      }
      if (!stopped) {
        timer = setTimeout(tick, intervalMs);
        timer.unref?.();
      }
    })();
  };
  timer = setTimeout(tick, 0);
  timer.unref?.();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
