import "server-only";
/**
 * One LISTEN connection per app instance, fanned out through the stream registry (once per scope key, not once per
 * open stream) to every open stream of that instance. Self-healing: when
 * the connection drops, it reconnects with backoff and tells every stream to resynchronise ("sync"), because
 * notifications sent while it was away are lost (PostgreSQL does not queue them for absent listeners).
 */
import { appConfig } from "@/server/config";
import pg from "pg";
import { logger } from "@/server/logger";
import { metrics } from "@/server/metrics/registry";
import { EVENT_CHANNEL, parseLiveEvent, type StreamEvent } from "@/server/events/live-event";
import { createStreamRegistry, type FanoutStats, type Subscriber } from "@/server/events/stream-registry";
import type { Scope } from "@/server/auth/scope";

const MAX_BACKOFF_MS = 10_000;

export type EventBus = {
  /** Registers a stream under its scope key; it receives the events that scope (narrowed to one block) may see. */
  subscribe(scope: Scope, onlyBlockId: number | undefined, listener: Subscriber): () => void;
  /** Every event this instance hears, once (not per stream): the read models' invalidation, counters. */
  tap(listener: (event: StreamEvent) => void): () => void;
  stats(): FanoutStats;
  /** Resolves once the LISTEN is in place (streams opened before that would miss early events). */
  ready(): Promise<void>;
  isConnected(): boolean;
  close(): Promise<void>;
};

export function createEventBus(databaseUrl: string): EventBus {
  const registry = createStreamRegistry();
  const taps = new Set<(event: StreamEvent) => void>();
  let client: pg.Client | null = null;
  let connected = false;
  let closed = false;
  let failures = 0;
  let readyResolve: () => void = () => undefined;
  let readyPromise = new Promise<void>((resolve) => (readyResolve = resolve));

  const emit = (event: StreamEvent) => {
    metrics().eventsReceived.inc({ type: event.type });
    for (const tap of taps) {
      try {
        tap(event);
      } catch (err) {
        logger.error({ err }, "Live events: a listener failed");
      }
    }
    try {
      metrics().eventDeliveries.inc(registry.dispatch(event));
    } catch (err) {
      logger.error({ err }, "Live events: fan-out failed");
    }
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const c = new pg.Client({ connectionString: databaseUrl, keepAlive: true, application_name: "teeka-events" });
    const lost = (err?: Error) => {
      if (client !== c) return;
      client = null;
      if (connected) logger.warn({ err }, "Live events: lost the database connection; reconnecting");
      connected = false;
      readyPromise = new Promise<void>((resolve) => (readyResolve = resolve));
      c.end().catch(() => undefined);
      schedule();
    };
    c.on("error", lost);
    c.on("end", () => lost());
    c.on("notification", (msg) => {
      const event = parseLiveEvent(msg.payload);
      if (event) emit(event);
    });
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${EVENT_CHANNEL}`);
      const wasReconnect = failures > 0;
      connected = true;
      failures = 0;
      readyResolve();
      if (wasReconnect) emit({ type: "sync", stateId: null, districtId: null, blockId: null, block: null, at: new Date().toISOString(), reason: "server reconnected" });
    } catch (err) {
      logger.warn({ err }, "Live events: cannot LISTEN yet; retrying");
      lost(err as Error);
    }
  }

  function schedule() {
    if (closed) return;
    failures++;
    const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(failures, 6));
    setTimeout(() => void connect(), delay).unref();
  }

  void connect();

  return {
    subscribe: (scope, onlyBlockId, listener) => registry.add(scope, onlyBlockId, listener),
    tap(listener) {
      taps.add(listener);
      return () => taps.delete(listener);
    },
    stats: () => registry.stats(),
    ready: () => readyPromise,
    isConnected: () => connected,
    async close() {
      closed = true;
      const c = client;
      client = null;
      connected = false;
      await c?.end().catch(() => undefined);
    },
  };
}

const globalForBus = globalThis as unknown as { teekaEventBus?: EventBus };

/** The instance's bus, created on first use (kept on globalThis across dev reloads). */
export function getEventBus(): EventBus {
  globalForBus.teekaEventBus ??= createEventBus(appConfig().DATABASE_URL);
  return globalForBus.teekaEventBus;
}
