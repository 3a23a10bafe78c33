/**
 * Persists probe check outcomes (issue 4): raw results, the target's scheduler memory, and the state timeline
 * (probe_segments, with the row semantics documented in server/services/probe-segments.ts).
 *
 * Writes are batched: outcomes wait in memory for up to `flushMs` (1 s) and a batch is written in one
 * transaction of four set-based statements (unnest arrays), whatever its size — 200 targets at a 5 s interval
 * cost one small transaction a second. An outcome that changes a target's state is flushed within 50 ms, so the
 * timeline never lags a transition by the batch delay (and the 200 first checks of a start-up are few batches).
 *
 * Decisions:
 * - `latency_ms` is stored for checks that answered (ok) only; a failed check's duration is in its error
 *   ("timed out after 10000 ms"), and leaving it out keeps every latency figure read from raw rows honest.
 * - Outcomes of a target deleted meanwhile are dropped (guarded by EXISTS), never a failing batch.
 * - A batch that fails (database unreachable) goes back to the front of the buffer and is retried on the next
 *   flush; beyond `maxBuffered` outcomes the oldest are dropped, with a log line, so an outage of the database
 *   cannot exhaust memory.
 */
import "server-only";
import type pg from "pg";
import type { Db } from "@/server/db/client";
import { metrics } from "@/server/metrics/registry";
import type { ProbeState, ProbeStep } from "@/core/domain/probe-state";
import { MAX_GAP_INTERVALS } from "@/core/domain/uptime";
import type { CheckResult } from "@/server/jobs/probes/check";

export type ProbeOutcome = {
  targetId: number;
  intervalSeconds: number;
  result: CheckResult;
  /** The state machine's step for this check (its state includes MAINTENANCE). */
  step: ProbeStep;
  /** Start of the outage (DOWN/DEGRADED stretch) this check belongs to, null outside one. */
  outageStartedAt: Date | null;
};

export type StoreLog = { error(obj: object, msg: string): void; warn(obj: object, msg: string): void };

export type ProbeStore = {
  add(outcome: ProbeOutcome): void;
  /** Writes everything buffered so far; resolves when written (or given back to the buffer after a failure). */
  flush(): Promise<void>;
  /** Final flush and no more timers. */
  stop(): Promise<void>;
  /** Forgets the buffer without writing (the lease was lost: another instance owns the data now). */
  discard(): void;
  buffered(): number;
};

export type StoreOptions = {
  log: StoreLog;
  flushMs?: number;
  /** A transition is written after at most this delay, so a burst of transitions (start-up) is one batch. */
  transitionFlushMs?: number;
  maxBuffered?: number;
  /** Write through this instead of Prisma (see pgTransaction). */
  transaction?: SqlTransaction;
};

export function createProbeStore(db: Db, opts: StoreOptions): ProbeStore {
  const flushMs = opts.flushMs ?? 1000;
  const maxBuffered = opts.maxBuffered ?? 50_000;
  const transitionFlushMs = opts.transitionFlushMs ?? 50;
  const target = opts.transaction ?? db;
  let soon: ReturnType<typeof setTimeout> | null = null;
  let buffer: ProbeOutcome[] = [];
  let chain: Promise<void> = Promise.resolve();
  let failures = 0;
  let stopped = false;

  const writeBuffered = async () => {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    try {
      await writeProbeOutcomes(target, batch);
      if (failures > 0) opts.log.warn({ failures, written: batch.length }, "probe store: writing again after failures");
      failures = 0;
    } catch (err) {
      failures += 1;
      if (stopped) {
        opts.log.error({ err, lost: batch.length }, "probe store: final write failed, outcomes lost");
        return;
      }
      buffer = batch.concat(buffer);
      if (buffer.length > maxBuffered) {
        const dropped = buffer.length - maxBuffered;
        buffer = buffer.slice(dropped);
        opts.log.error({ dropped }, "probe store: buffer full, oldest outcomes dropped");
      }
      // One line per ~10 failures is enough while the database is away.
      if (failures === 1 || failures % 10 === 0) opts.log.error({ err, failures, buffered: buffer.length }, "probe store: write failed, will retry");
    }
  };

  const flush = () => {
    chain = chain.then(writeBuffered, writeBuffered);
    return chain;
  };

  const timer = setInterval(() => void flush(), flushMs);
  timer.unref();

  return {
    add(outcome) {
      if (stopped) return;
      buffer.push(outcome);
      if (outcome.step.transition && soon === null) {
        soon = setTimeout(() => {
          soon = null;
          void flush();
        }, transitionFlushMs);
      }
    },
    flush,
    async stop() {
      clearInterval(timer);
      if (soon) clearTimeout(soon);
      await flush();
      stopped = true;
    },
    discard() {
      clearInterval(timer);
      if (soon) clearTimeout(soon);
      stopped = true;
      buffer = [];
    },
    buffered: () => buffer.length,
  };
}

/** A stretch of one state within a batch, per target, in time order. */
type Run = { targetId: number; state: ProbeState; firstAt: Date; lastAt: Date; firstError: string | null; endedAt: Date | null; gapMs: number; index: number };

/** Groups a target's outcomes (time order) into runs of one state, closing each with the segment rule. */
export function runsOf(outcomes: readonly ProbeOutcome[]): Run[] {
  const runs: Run[] = [];
  const lastRun = new Map<number, Run>();
  for (const o of [...outcomes].sort((a, b) => a.result.checkedAt.getTime() - b.result.checkedAt.getTime())) {
    const at = o.result.checkedAt;
    const gapMs = MAX_GAP_INTERVALS * o.intervalSeconds * 1000;
    const prev = lastRun.get(o.targetId);
    const withinGap = prev !== undefined && at.getTime() - prev.lastAt.getTime() <= prev.gapMs;
    if (prev && withinGap && prev.state === o.step.state) {
      prev.lastAt = at;
      prev.firstError ??= o.result.error;
      continue;
    }
    if (prev) prev.endedAt = withinGap ? at : new Date(prev.lastAt.getTime() + prev.gapMs);
    const run: Run = { targetId: o.targetId, state: o.step.state, firstAt: at, lastAt: at, firstError: o.result.error, endedAt: null, gapMs, index: prev ? prev.index + 1 : 0 };
    runs.push(run);
    lastRun.set(o.targetId, run);
  }
  return runs;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Runs statements (text with $n parameters) in one transaction: through Prisma, or a plain `pg` pool. */
export type SqlTransaction = <T>(work: (query: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>) => Promise<T>;

export function prismaTransaction(db: Db): SqlTransaction {
  return (work) => db.$transaction((tx) => work((text, params) => tx.$queryRawUnsafe<Record<string, unknown>[]>(text, ...params)));
}

/**
 * The scheduler's hot path goes through a small `pg` pool when it has one: Prisma compiles every statement in
 * its WASM query compiler, which costs more CPU than the statement itself at one batch a second.
 */
export function pgTransaction(pool: pg.Pool): SqlTransaction {
  return async (work) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(async (text, params) => (await client.query(text, params)).rows as Record<string, unknown>[]);
      await client.query("COMMIT");
      client.release();
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      client.release(true);
      throw err;
    }
  };
}

const INSERT_RESULTS = `
  INSERT INTO probe_results (target_id, checked_at, state, ok, slow, keyword_missing, status_code, latency_ms, error)
  SELECT r.target_id, r.checked_at, r.state::"ProbeState", r.ok, r.slow, r.keyword_missing, r.status_code, r.latency_ms, r.error
  FROM unnest($1::int[], $2::timestamp(3)[], $3::text[], $4::bool[], $5::bool[], $6::bool[], $7::int[], $8::int[], $9::text[])
    AS r(target_id, checked_at, state, ok, slow, keyword_missing, status_code, latency_ms, error)
  WHERE EXISTS (SELECT 1 FROM probe_targets t WHERE t.id = r.target_id)`;

const UPDATE_TARGETS = `
  UPDATE probe_targets t SET
    state = r.state::"ProbeState", state_since = r.since, consecutive_failures = r.failures,
    outage_started_at = r.outage_started_at, last_checked_at = r.checked_at,
    last_latency_ms = r.latency_ms, last_status_code = r.status_code, last_error = r.error
  FROM unnest($1::int[], $2::text[], $3::timestamp(3)[], $4::int[], $5::timestamp(3)[], $6::timestamp(3)[], $7::int[], $8::int[], $9::text[])
    AS r(target_id, state, since, failures, outage_started_at, checked_at, latency_ms, status_code, error)
  WHERE t.id = r.target_id`;

// The open row either continues with the batch's first run (same state, no gap) or is closed: at the first
// check of the new state, or at lastSeenAt + 2 intervals when the checks had stopped.
const UPDATE_OPEN_SEGMENTS = `
  WITH r AS (
    SELECT * FROM unnest($1::int[], $2::text[], $3::timestamp(3)[], $4::timestamp(3)[], $5::text[], $6::timestamp(3)[], $7::int[])
      AS r(target_id, state, first_at, last_at, first_error, run_end, gap_ms)
  ), m AS (
    SELECT s.id, r.*, s.started_at AS prev_start, s.last_seen_at AS prev_seen,
           s.last_seen_at + r.gap_ms * interval '1 millisecond' AS hold_until,
           (s.state = r.state::"ProbeState" AND r.first_at <= s.last_seen_at + r.gap_ms * interval '1 millisecond') AS merge
    FROM probe_segments s JOIN r ON r.target_id = s.target_id
    WHERE s.ended_at IS NULL
  )
  UPDATE probe_segments s SET
    last_seen_at = CASE WHEN m.merge THEN greatest(m.prev_seen, m.last_at) ELSE s.last_seen_at END,
    first_error = CASE WHEN m.merge THEN coalesce(s.first_error, m.first_error) ELSE s.first_error END,
    ended_at = CASE WHEN m.merge THEN m.run_end ELSE greatest(m.prev_start, least(m.first_at, m.hold_until)) END
  FROM m WHERE s.id = m.id
  RETURNING s.target_id AS "targetId", m.merge AS merged`;

const INSERT_SEGMENTS = `
  INSERT INTO probe_segments (target_id, state, started_at, last_seen_at, ended_at, first_error)
  SELECT r.target_id, r.state::"ProbeState", r.first_at, r.last_at, r.run_end, r.first_error
  FROM unnest($1::int[], $2::text[], $3::timestamp(3)[], $4::timestamp(3)[], $5::timestamp(3)[], $6::text[], $7::int[])
    AS r(target_id, state, first_at, last_at, run_end, first_error, run_index)
  WHERE EXISTS (SELECT 1 FROM probe_targets t WHERE t.id = r.target_id)
  ORDER BY r.target_id, r.run_index`;

/**
 * Writes one batch in one transaction of four statements. `db` may be the Prisma client or a SqlTransaction
 * (e.g. `pgTransaction(pool)`). Exported for the demo seed and tests; the scheduler goes through the store.
 */
export async function writeProbeOutcomes(db: Db | SqlTransaction, outcomes: readonly ProbeOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  const transaction = typeof db === "function" ? db : prismaTransaction(db);
  const latest = new Map<number, ProbeOutcome>();
  for (const o of outcomes) {
    const seen = latest.get(o.targetId);
    if (!seen || seen.result.checkedAt.getTime() <= o.result.checkedAt.getTime()) latest.set(o.targetId, o);
  }
  const last = [...latest.values()];
  const runs = runsOf(outcomes);
  const firstRuns = runs.filter((r) => r.index === 0);
  const latency = (o: ProbeOutcome) => (o.result.ok ? o.result.latencyMs : null);

  await transaction(async (query) => {
    await query(INSERT_RESULTS, [
      outcomes.map((o) => o.targetId),
      outcomes.map((o) => iso(o.result.checkedAt)),
      outcomes.map((o) => o.step.state),
      outcomes.map((o) => o.result.ok),
      outcomes.map((o) => o.result.slow),
      outcomes.map((o) => o.result.keywordMissing),
      outcomes.map((o) => o.result.statusCode),
      outcomes.map(latency),
      outcomes.map((o) => o.result.error),
    ]);
    await query(UPDATE_TARGETS, [
      last.map((o) => o.targetId),
      last.map((o) => o.step.state),
      last.map((o) => iso(o.step.memory.since)),
      last.map((o) => o.step.memory.consecutiveFailures),
      last.map((o) => iso(o.outageStartedAt)),
      last.map((o) => iso(o.result.checkedAt)),
      last.map(latency),
      last.map((o) => o.result.statusCode),
      last.map((o) => o.result.error),
    ]);
    const touched = await query(UPDATE_OPEN_SEGMENTS, [
      firstRuns.map((r) => r.targetId),
      firstRuns.map((r) => r.state),
      firstRuns.map((r) => iso(r.firstAt)),
      firstRuns.map((r) => iso(r.lastAt)),
      firstRuns.map((r) => r.firstError),
      firstRuns.map((r) => iso(r.endedAt)),
      firstRuns.map((r) => r.gapMs),
    ]);
    const merged = new Set(touched.filter((t) => t.merged === true).map((t) => Number(t.targetId)));
    const fresh = runs.filter((r) => r.index > 0 || !merged.has(r.targetId));
    if (fresh.length === 0) return;
    await query(INSERT_SEGMENTS, [
      fresh.map((r) => r.targetId),
      fresh.map((r) => r.state),
      fresh.map((r) => iso(r.firstAt)),
      fresh.map((r) => iso(r.lastAt)),
      fresh.map((r) => iso(r.endedAt)),
      fresh.map((r) => r.firstError),
      fresh.map((r) => r.index),
    ]);
  });
  for (const o of outcomes) metrics().probeResults.inc({ state: o.step.state });
}
