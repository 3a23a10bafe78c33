import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { getDb, type Db } from "@/server/db/client";

/**
 * What every request is served with besides its own input: the database and the clock. Both transports (tRPC
 * and REST) and the pages read them here and nowhere else, so a test can pin the clock for a route handler the
 * way createCaller pins it for a procedure: `withRuntime({ now: () => TEST_NOW }, () => GET(req))`.
 */
export type Runtime = { db: Db; now: () => Date };

const overrides = new AsyncLocalStorage<Partial<Runtime>>();

export function runtime(): Runtime {
  const o = overrides.getStore();
  return { db: o?.db ?? getDb(), now: o?.now ?? (() => new Date()) };
}

export function withRuntime<T>(override: Partial<Runtime>, fn: () => T): T {
  return overrides.run(override, fn);
}
