import "server-only";
import { appConfig } from "@/server/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/server/generated/prisma/client";

export type Db = PrismaClient;

export type DbOptions = {
  /** Shown in pg_stat_activity, so an operator (and the replica test) can tell which client a connection is. */
  applicationName?: string;
};

// The pool is ours (not the adapter's) so that /metrics can read how busy it is.
const pools = new WeakMap<Db, pg.Pool>();

export function createDb(databaseUrl: string, options: DbOptions = {}): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, application_name: options.applicationName ?? "teeka" });
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

/** The connection pool behind a client made by createDb (for pool-use metrics). */
export function poolOf(db: Db): pg.Pool | undefined {
  return pools.get(db);
}

const globalForDb = globalThis as unknown as { teekaDb?: Db };

/** One client per process (Next.js dev reloads modules, so it is kept on globalThis). */
export function getDb(): Db {
  globalForDb.teekaDb ??= createDb(appConfig().DATABASE_URL);
  return globalForDb.teekaDb;
}
