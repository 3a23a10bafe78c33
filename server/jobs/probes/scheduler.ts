/**
 * The probe scheduler (issue 4): checks every enabled target on its interval, feeds each result through the
 * state machine and hands the outcome to the store (and to the alert engine, via `onOutcome`).
 *
 * - One shared timer, not one per target. Due times are aligned to `SLOT_MS` (250 ms) slots and the timer wakes
 *   once per slot that has checks due, starting all of them together: 200 targets at 5 s cost 4 wake-ups a
 *   second instead of 40, which is most of the scheduler's CPU on an idle-ish process. The next due time is
 *   the previous due time + interval (slots missed while the process was stalled are skipped), so the cadence
 *   holds over hours whatever a check takes.
 * - Checks run concurrently and `runCheck` has a hard timeout, so a hanging target never delays another. A
 *   target whose previous check is still running when its next slot comes skips that slot (its timeout is
 *   longer than its interval) rather than running two checks that would race on its state.
 * - First checks are spread over the interval by target id (to the slot); a target the previous lease holder
 *   checked less than an interval ago continues that cadence (from the next slot at or after it).
 * - Targets (and maintenance windows) are reloaded every `reloadMs` (5 s): additions, edits and pauses take
 *   effect within that. A failed reload (database away) is logged and retried; the checks go on meanwhile.
 * - Every ~60 s the recent minutes are rolled up; every hour old data is pruned (not in a scoped scheduler,
 *   `onlyTargetIds`, which must never touch data it does not own).
 */
import "server-only";
import type pg from "pg";
import type { Db } from "@/server/db/client";
import { nextProbeState, type ProbeMemory, type ProbeState } from "@/core/domain/probe-state";
import { runCheck, type CheckOptions, type CheckResult, type CheckTarget } from "@/server/jobs/probes/check";
import { pruneProbeData } from "@/server/jobs/probes/retention";
import { rollUpProbeResults } from "@/server/jobs/probes/rollups";
import { alignToSlot, firstDueMs, inMaintenance, nextDueMs, nextOutageStart, percentileOfSorted, type TimeSpan } from "@/server/jobs/probes/schedule";
import { createProbeStore, pgTransaction, type ProbeOutcome } from "@/server/jobs/probes/store";
import { checkTargetOf, loadEnabledTargets, loadMaintenanceWindows, sameConfig, type TargetRow } from "@/server/jobs/probes/target-config";

export type SchedulerLog = {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

/** Everything known after one check, for listeners such as the alert engine. */
export type SchedulerOutcome = ProbeOutcome & {
  target: { id: number; name: string; url: string };
  stateId: number;
  prevState: ProbeState | null;
  prevOutageStartedAt: Date | null;
};

export type SchedulerOptions = {
  db: Db;
  log: SchedulerLog;
  /** The clock for timestamps and due times; defaults to the system clock. It must advance in real time. */
  now?: () => Date;
  /** Probe only these targets (tests; several schedulers side by side). Also limits rollups and skips pruning. */
  onlyTargetIds?: readonly number[];
  reloadMs?: number;
  flushMs?: number;
  rollupEveryMs?: number;
  /** 0 disables pruning. */
  pruneEveryMs?: number;
  onOutcome?: (outcome: SchedulerOutcome) => void;
  /** A small `pg` pool for the result writes (cheaper than Prisma on the hot path); Prisma when absent. */
  pool?: pg.Pool;
  checkOptions?: Omit<CheckOptions, "now">;
};

export type LatencyStats = { samples: number; p50: number | null; p95: number | null; max: number | null };

export type SchedulerStats = {
  targets: number;
  checksStarted: number;
  checksDone: number;
  /** Slots skipped because the target's previous check was still running. */
  checksSkipped: number;
  errors: number;
  /** Actual start − due time of the last (up to) 20,000 checks, in ms. */
  lateness: LatencyStats;
  buffered: number;
  /** Timers held for the repeating jobs (reload, rollup, prune): one per job while running, none once stopped. */
  jobTimers: number;
};

export type ProbeScheduler = {
  /** Stops the timers and writes what is buffered; `discard` drops it instead (the lease was lost). */
  stop(opts?: { discard?: boolean }): Promise<void>;
  stats(): SchedulerStats;
  /** Reloads targets now (normally every `reloadMs`). */
  reload(): Promise<void>;
  /** Writes buffered outcomes now. */
  flush(): Promise<void>;
};

type Entry = {
  row: TargetRow;
  check: CheckTarget;
  memory: ProbeMemory;
  outageStartedAt: Date | null;
  windows: TimeSpan[];
  /** Always a multiple of SLOT_MS; the entry is filed under it in `slots`. */
  dueMs: number;
  inFlight: boolean;
};

const LATENESS_SAMPLES = 20_000;
const RECENT_ROLLUP_MS = 3 * 60_000;

export function startProbeScheduler(opts: SchedulerOptions): ProbeScheduler {
  const { db, log } = opts;
  const nowFn = opts.now;
  const clock = nowFn ? () => nowFn().getTime() : Date.now;
  const store = createProbeStore(db, { log, flushMs: opts.flushMs, transaction: opts.pool ? pgTransaction(opts.pool) : undefined });
  const entries = new Map<number, Entry>();
  const lateness = new Float64Array(LATENESS_SAMPLES);
  const counters = { started: 0, done: 0, skipped: 0, errors: 0, samples: 0 };
  /** The live timer of each repeating job, by job name: a run replaces its job's timer, so this never grows. */
  const jobTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let stopped = false;
  let reloading: Promise<void> | null = null;

  /**
   * Due slot → entries filed under it. An entry is filed once per due time; a filing is stale (and skipped)
   * when the entry's due time moved (interval edit) or the entry was replaced or removed.
   */
  const slots = new Map<number, Entry[]>();
  let slotTimer: ReturnType<typeof setTimeout> | null = null;
  let slotTimerAt = Infinity;

  /** Files `entry` under its (slot-aligned) due time and makes sure the shared timer wakes up for it. */
  const arm = (entry: Entry) => {
    const list = slots.get(entry.dueMs);
    if (list) list.push(entry);
    else slots.set(entry.dueMs, [entry]);
    if (entry.dueMs < slotTimerAt) armSlotTimer(entry.dueMs);
  };

  function armSlotTimer(at: number) {
    if (slotTimer) clearTimeout(slotTimer);
    slotTimerAt = at;
    slotTimer = setTimeout(onSlot, Math.max(0, at - clock()));
  }

  /** Starts every check due by now (normally one slot's), oldest slot first, then sleeps until the next slot. */
  function onSlot() {
    slotTimer = null;
    slotTimerAt = Infinity;
    if (stopped) return;
    const nowMs = clock();
    let due: number[] | null = null;
    let next = Infinity;
    for (const slot of slots.keys()) {
      if (slot <= nowMs) (due ??= []).push(slot);
      else if (slot < next) next = slot;
    }
    if (due) {
      if (due.length > 1) due.sort((a, b) => a - b);
      for (const slot of due) {
        const list = slots.get(slot)!;
        slots.delete(slot);
        for (const entry of list) if (entry.dueMs === slot) fire(entry);
      }
    }
    // fire() filed the entries under their next due times (arming the timer for those); `next` covers the rest.
    if (next < slotTimerAt) armSlotTimer(next);
  }

  function fire(entry: Entry) {
    if (stopped || entries.get(entry.row.id) !== entry) return;
    const startedMs = clock();
    lateness[counters.samples % LATENESS_SAMPLES] = startedMs - entry.dueMs;
    counters.samples += 1;
    entry.dueMs = alignToSlot(nextDueMs(entry.dueMs, entry.row.intervalSeconds * 1000, startedMs));
    arm(entry);
    if (entry.inFlight) {
      counters.skipped += 1;
      return;
    }
    entry.inFlight = true;
    counters.started += 1;
    void checkOnce(entry).finally(() => (entry.inFlight = false));
  }

  async function checkOnce(entry: Entry): Promise<void> {
    const { row } = entry;
    try {
      const result: CheckResult = await runCheck(entry.check, { ...opts.checkOptions, now: clock });
      if (stopped) return;
      const prevState = entry.memory.state;
      const prevOutageStartedAt = entry.outageStartedAt;
      const step = nextProbeState(entry.memory, result, row, inMaintenance(entry.windows, result.checkedAt.getTime()));
      const outageStartedAt = nextOutageStart(prevState, prevOutageStartedAt, step.state, result.checkedAt);
      entry.memory = step.memory;
      entry.outageStartedAt = outageStartedAt;
      counters.done += 1;
      const outcome: SchedulerOutcome = {
        targetId: row.id,
        intervalSeconds: row.intervalSeconds,
        result,
        step,
        outageStartedAt,
        target: { id: row.id, name: row.name, url: row.url },
        stateId: row.stateId,
        prevState,
        prevOutageStartedAt,
      };
      store.add(outcome);
      if (step.transition) log.info({ targetId: row.id, from: step.transition.from, to: step.transition.to, error: result.error }, `probe: ${row.name} is ${step.state}`);
      opts.onOutcome?.(outcome);
    } catch (err) {
      counters.errors += 1;
      log.error({ err, targetId: row.id }, "probe: check failed to complete");
    }
  }

  function upsertEntry(row: TargetRow, windows: TimeSpan[], nowMs: number) {
    const existing = entries.get(row.id);
    if (existing && sameConfig(existing.row, row)) {
      existing.windows = windows;
      return;
    }
    const intervalMs = Math.max(1, row.intervalSeconds) * 1000;
    if (existing) {
      // An edit: the scheduler's own memory stays (it is newer than the row's); a new interval restarts the cadence.
      const intervalChanged = existing.row.intervalSeconds !== row.intervalSeconds;
      existing.row = { ...row, intervalSeconds: Math.max(1, row.intervalSeconds) };
      existing.check = checkTargetOf(row);
      existing.windows = windows;
      if (intervalChanged) {
        existing.dueMs = alignToSlot(firstDueMs(row.id, intervalMs, nowMs, null));
        arm(existing);
      }
      return;
    }
    const entry: Entry = {
      row: { ...row, intervalSeconds: Math.max(1, row.intervalSeconds) },
      check: checkTargetOf(row),
      memory: { state: row.state, consecutiveFailures: row.consecutiveFailures, since: row.stateSince },
      outageStartedAt: row.outageStartedAt,
      windows,
      dueMs: alignToSlot(firstDueMs(row.id, intervalMs, nowMs, row.lastCheckedAt?.getTime() ?? null)),
      inFlight: false,
    };
    entries.set(row.id, entry);
    arm(entry);
  }

  async function reloadOnce(): Promise<void> {
    try {
      const nowMs = clock();
      const rows = await loadEnabledTargets(db, opts.onlyTargetIds);
      const windows = await loadMaintenanceWindows(db, rows.map((r) => r.id), new Date(nowMs));
      if (stopped) return;
      const seen = new Set<number>();
      for (const row of rows) {
        seen.add(row.id);
        upsertEntry(row, windows.get(row.id) ?? [], nowMs);
      }
      for (const id of entries.keys()) {
        if (seen.has(id)) continue;
        // Its slot filings are skipped from now on (and dropped when their slot comes).
        entries.delete(id);
        log.info({ targetId: id }, "probe: target paused or removed");
      }
    } catch (err) {
      counters.errors += 1;
      log.error({ err }, "probe: loading targets failed; retrying");
    }
  }

  const reload = () => {
    reloading ??= reloadOnce().finally(() => (reloading = null));
    return reloading;
  };

  /** Runs `job` every `everyMs` (first after `firstMs`), never overlapping itself, never throwing. */
  function every(name: string, everyMs: number, firstMs: number, job: () => Promise<unknown>) {
    const run = async () => {
      if (stopped) return;
      try {
        await job();
      } catch (err) {
        counters.errors += 1;
        log.error({ err }, `probe: ${name} failed`);
      }
      if (!stopped) jobTimers.set(name, setTimeout(run, everyMs));
    };
    jobTimers.set(name, setTimeout(run, firstMs));
  }

  const reloadMs = opts.reloadMs ?? 5000;
  every("reload", reloadMs, 0, reload);
  let rolledUpTo: number | null = null;
  every("rollup", opts.rollupEveryMs ?? 60_000, opts.rollupEveryMs ?? 60_000, async () => {
    const to = clock();
    // The first run also covers the previous holder's last minutes, which it may not have rolled up.
    const from = rolledUpTo === null ? to - 60 * 60_000 : Math.min(rolledUpTo, to) - RECENT_ROLLUP_MS;
    await store.flush();
    await rollUpProbeResults(db, { from: new Date(from), to: new Date(to), targetIds: opts.onlyTargetIds });
    rolledUpTo = to;
  });
  const pruneEveryMs = opts.pruneEveryMs ?? 60 * 60_000;
  if (pruneEveryMs > 0 && !opts.onlyTargetIds) {
    every("prune", pruneEveryMs, Math.min(pruneEveryMs, 5 * 60_000), async () => {
      const counts = await pruneProbeData(db, new Date(clock()));
      log.info(counts, "probe: old data pruned");
    });
  }

  return {
    async stop(stopOpts) {
      if (stopped) return;
      stopped = true;
      jobTimers.forEach(clearTimeout);
      jobTimers.clear();
      if (slotTimer) clearTimeout(slotTimer);
      slots.clear();
      if (stopOpts?.discard) store.discard();
      else await store.stop();
    },
    stats() {
      const n = Math.min(counters.samples, LATENESS_SAMPLES);
      const sorted = Array.from(lateness.subarray(0, n)).sort((a, b) => a - b);
      return {
        targets: entries.size,
        checksStarted: counters.started,
        checksDone: counters.done,
        checksSkipped: counters.skipped,
        errors: counters.errors,
        lateness: { samples: counters.samples, p50: percentileOfSorted(sorted, 50), p95: percentileOfSorted(sorted, 95), max: sorted.length ? sorted[sorted.length - 1]! : null },
        buffered: store.buffered(),
        jobTimers: jobTimers.size,
      };
    },
    reload,
    flush: () => store.flush(),
  };
}
