import "server-only";
/**
 * The read replica (DATABASE_REPLICA_URL, a PostgreSQL streaming standby) and the ONE decision of which client
 * serves a request. The pipeline asks `chooseDb` once per procedure / REST call: reads (tRPC queries, REST GET)
 * may go to the replica, everything else goes to the primary.
 *
 * Read-your-writes, by WAL position rather than by a fixed window: after a user's write the pipeline notes the
 * primary's `pg_current_wal_lsn()`; that user's reads go to the primary until the replica has replayed up to it
 * (`pg_last_wal_replay_lsn() >= lsn`), then back to the replica. A fixed "10 s sticky" window would be both too
 * long (a replica a few milliseconds behind sends every read of a busy operator to the primary) and too short (a
 * replica 15 s behind would show the operator a figure without the entry they just marked). Other users' reads
 * may be behind by the replica's lag, which the header shows ("figures up to N s behind").
 *
 * The positions live in this process's memory: with several app instances behind a load balancer, that balancer
 * must keep a user on one instance (sticky sessions), or a read on another instance may miss the write.
 * A replica that cannot be reached, or that is more than MAX_LAG_SECONDS behind, is not used at all.
 *
 * Chosen over @prisma/extension-read-replicas: that extension routes by Prisma operation (not by request), has no
 * read-your-writes, and its driver-adapter support for Prisma 6 is not settled; a second client is explicit.
 */
import { Prisma } from "@/server/generated/prisma/client";
import { environment } from "@/server/config";
import { createDb, type Db } from "@/server/db/client";
import { logger } from "@/server/logger";

export const REPLICA_APPLICATION_NAME = "teeka-replica";
/** Behind by more than this, the replica is skipped: every read goes to the primary until it catches up. */
export const MAX_LAG_SECONDS = 30;
/** A lag figure younger than this is reused: the routing decision must not cost two queries per request. */
const LAG_CACHE_MS = 1_000;
/** A noted write older than this is forgotten (the replica has long replayed it, or is skipped for lag). */
const WRITE_MEMORY_MS = 5 * 60_000;
const MAX_REMEMBERED_WRITERS = 50_000;
/** A replica that does not answer in this time counts as unreachable (a request must never hang on it). */
const REPLICA_ANSWER_MS = 2_000;

export type DbAccess = "read" | "write";
/** Whose writes a read must see: the signed-in user's id (null: anonymous, nothing to see). */
export type Reader = number | string | null;

export type ReplicaLag = {
  /** Seconds the replica's data is behind the primary's (0 when it has replayed everything). */
  seconds: number;
  /** WAL bytes the replica has still to replay. */
  bytes: number;
};

type State = {
  replica?: Db | null;
  writes: Map<string, { lsn: string; at: number }>;
  lag: Map<Db, { value: ReplicaLag | null; at: number; pending?: Promise<ReplicaLag | null> }>;
};

const globalForReplica = globalThis as unknown as { teekaReplica?: State };
const state: State = (globalForReplica.teekaReplica ??= { writes: new Map(), lag: new Map() });

/** The replica's client (one per process), or null when DATABASE_REPLICA_URL is not set. */
export function getReplicaDb(): Db | null {
  if (state.replica === undefined) {
    const url = environment().DATABASE_REPLICA_URL;
    state.replica = url ? createDb(url, { applicationName: REPLICA_APPLICATION_NAME }) : null;
  }
  return state.replica;
}

/**
 * How far `replica` is behind `primary`, or null when either cannot be asked. Measured on both servers: the
 * replica's own `now() - pg_last_xact_replay_timestamp()` alone grows without bound while the primary is idle.
 */
export async function measureReplicaLag(primary: Db, replica: Db): Promise<ReplicaLag | null> {
  try {
    const [head] = await within(REPLICA_ANSWER_MS, primary.$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`);
    const [row] = await within(
      REPLICA_ANSWER_MS,
      replica.$queryRaw<{ standby: boolean; behind: number | null; since: number | null }[]>`
        SELECT pg_is_in_recovery() AS standby,
               pg_wal_lsn_diff(${head!.lsn}::pg_lsn, pg_last_wal_replay_lsn())::float8 AS behind,
               extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS since`,
    );
    // Not a standby at all (the URL names the primary itself): nothing to be behind.
    if (!row || !row.standby) return { seconds: 0, bytes: 0 };
    const bytes = Math.max(0, row.behind ?? 0);
    return { seconds: bytes === 0 ? 0 : Math.max(0, Math.round((row.since ?? 0) * 10) / 10), bytes };
  } catch (err) {
    logger.warn({ err }, "replica lag: cannot measure; reads go to the primary");
    return null;
  }
}

/** The lag, measured at most once a second per process (a stale figure is served while a fresh one is fetched). */
export async function replicaLag(primary: Db, replica: Db): Promise<ReplicaLag | null> {
  const cached = state.lag.get(replica);
  const fresh = cached && Date.now() - cached.at < LAG_CACHE_MS;
  if (cached && fresh) return cached.value;
  const entry = cached ?? { value: null, at: 0 };
  entry.pending ??= measureReplicaLag(primary, replica).then((value) => {
    Object.assign(entry, { value, at: Date.now(), pending: undefined });
    return value;
  });
  state.lag.set(replica, entry);
  return cached && cached.at > 0 ? cached.value : entry.pending;
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the replica did not answer in ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function keyOf(reader: Reader): string | null {
  return reader === null ? null : String(reader);
}

/** Which client serves this request: the one place the pipeline (tRPC and REST) makes that choice. */
export async function chooseDb(access: DbAccess, reader: Reader, primary: Db, replica: Db | null): Promise<Db> {
  if (!replica || access === "write") return primary;
  const lag = await replicaLag(primary, replica);
  if (!lag || lag.seconds > MAX_LAG_SECONDS) return primary;
  const key = keyOf(reader);
  const written = key === null ? undefined : state.writes.get(key);
  if (!written) return replica;
  if (Date.now() - written.at > WRITE_MEMORY_MS) {
    state.writes.delete(key!);
    return replica;
  }
  try {
    const [row] = await within(REPLICA_ANSWER_MS, replica.$queryRaw<{ caught: boolean }[]>`SELECT coalesce(pg_last_wal_replay_lsn() >= ${written.lsn}::pg_lsn, true) AS caught`);
    if (!row?.caught) return primary;
    state.writes.delete(key!);
    return replica;
  } catch {
    return primary;
  }
}

/** After a write by `reader` (whether it succeeded or not: cheap, and never wrong): remember the primary's position. */
export async function noteWrite(reader: Reader, primary: Db, replica: Db | null): Promise<void> {
  const key = keyOf(reader);
  if (!replica || key === null) return;
  try {
    const [row] = await primary.$queryRaw<{ lsn: string }[]>(Prisma.sql`SELECT pg_current_wal_lsn()::text AS lsn`);
    if (!row) return;
    state.writes.delete(key);
    state.writes.set(key, { lsn: row.lsn, at: Date.now() });
    // Oldest first (a Map keeps insertion order): bounded memory however many people write.
    while (state.writes.size > MAX_REMEMBERED_WRITERS) state.writes.delete(state.writes.keys().next().value!);
  } catch (err) {
    // Without the position the user's next reads might miss the write: send them to the primary for a while.
    logger.warn({ err }, "replica: cannot read the primary's WAL position after a write");
    state.writes.set(key, { lsn: "FFFFFFFF/FFFFFFFF", at: Date.now() });
  }
}

/** For tests: forget every noted write and lag figure. */
export function resetReplicaRouting(): void {
  state.writes.clear();
  state.lag.clear();
}

/** The lag between two clients or, without a replica, null: what /api/health and the header show. */
export async function replicaLagSeconds(primary: Db, replica: Db | null): Promise<number | null> {
  if (!replica) return null;
  return (await replicaLag(primary, replica))?.seconds ?? null;
}
