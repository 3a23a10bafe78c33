import "server-only";
import os from "node:os";
import { appConfig, defaultPoolSize, environment } from "@/server/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/server/generated/prisma/client";
import { createLimiter, type Limiter } from "@/server/db/limiter";

export type Db = PrismaClient;

export type DbOptions = {
  poolSize?: number;
  statementTimeoutMs?: number;
  /** Shown in pg_stat_activity, so an operator (and the replica test) can tell which client a connection is. */
  applicationName?: string;
};

// The pool is ours (not the adapter's) so that /metrics can read how busy it is.
const pools = new WeakMap<Db, pg.Pool>();

/** The connection pool behind a client made by createDb (for pool-use metrics). */
export function poolOf(db: Db): pg.Pool | undefined {
  return pools.get(db);
}

/** Retry-After for "busy": long enough for a queue to drain, short enough that a page comes back quickly. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** The pool size this instance uses (TEEKA_DB_POOL_SIZE, else sized to the machine's cores). */
export function poolSize(): number {
  return environment().TEEKA_DB_POOL_SIZE ?? defaultPoolSize(os.availableParallelism());
}

/**
 * A client with its own pool. Every connection starts with `statement_timeout` (sent at connect, no extra round
 * trip), so a statement that runs away under load is cancelled by PostgreSQL (SQLSTATE 57014 → 503 "busy") rather
 * than holding a connection for minutes; waiting for a free connection is bounded too.
 */
export function createDb(databaseUrl: string, options: DbOptions = {}): Db {
  const env = environment();
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? poolSize(),
    statement_timeout: options.statementTimeoutMs ?? env.TEEKA_DB_STATEMENT_TIMEOUT_MS,
    connectionTimeoutMillis: 10_000,
    application_name: options.applicationName ?? "teeka",
  });
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

const globalForDb = globalThis as unknown as { teekaDb?: Db; teekaDbLimiter?: Limiter };

/** One client per process (Next.js dev reloads modules, so it is kept on globalThis). */
export function getDb(): Db {
  globalForDb.teekaDb ??= createDb(appConfig().DATABASE_URL);
  return globalForDb.teekaDb;
}

/** The instance's bounded queue in front of database work (see limiter.ts): as many slots as connections. */
export function getDbLimiter(): Limiter {
  if (!globalForDb.teekaDbLimiter) {
    const env = environment();
    const slots = poolSize();
    globalForDb.teekaDbLimiter = createLimiter({
      maxInFlight: slots,
      maxQueued: env.TEEKA_DB_QUEUE_MAX ?? 10 * slots,
      maxWaitMs: env.TEEKA_DB_QUEUE_WAIT_MS,
      retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
    });
  }
  return globalForDb.teekaDbLimiter;
}

/** Forgets the limiter, so that the next request builds one from the current configuration (tests). */
export function resetDbLimiter(): void {
  globalForDb.teekaDbLimiter = undefined;
}
