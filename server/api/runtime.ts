import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { getDb, type Db } from "@/server/db/client";
import { getReplicaDb } from "@/server/db/replica";

/**
 * What every request is served with besides its own input: the database and the clock. Both transports (tRPC
 * and REST) and the pages read them here and nowhere else, so a test can pin the clock for a route handler the
 * way createCaller pins it for a procedure: `withRuntime({ now: () => TEST_NOW }, () => GET(req))`.
 * `db` is the primary and `replica` the read replica, if any (the pipeline picks one per request; an override
 * that names its own `db` has no replica unless it names one too).
 */
export type Runtime = { db: Db; replica: Db | null; now: () => Date };

const overrides = new AsyncLocalStorage<Partial<Runtime>>();

export function runtime(): Runtime {
  const o = overrides.getStore();
  return { db: o?.db ?? getDb(), replica: o && ("replica" in o || "db" in o) ? (o.replica ?? null) : getReplicaDb(), now: o?.now ?? (() => new Date()) };
}

export function withRuntime<T>(override: Partial<Runtime>, fn: () => T): T {
  return overrides.run(override, fn);
}
