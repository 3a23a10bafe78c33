import "server-only";
/**
 * One timer for every open event stream's keep-alive (issue 13): 2,000 streams are one interval that walks a set,
 * not 2,000 intervals. The timer runs only while some stream is open, and never keeps the process alive.
 */
export const HEARTBEAT_MS = 15_000;

const beats = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

export function onHeartbeat(beat: () => void): () => void {
  beats.add(beat);
  if (!timer) {
    timer = setInterval(() => {
      for (const b of beats) b();
    }, HEARTBEAT_MS);
    timer.unref();
  }
  return () => {
    beats.delete(beat);
    if (beats.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** How many streams the shared timer serves (for the benchmark and tests). */
export const heartbeatCount = (): number => beats.size;
