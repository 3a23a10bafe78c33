/**
 * The alert sender (issue 16), run by the lease holder next to the probes and the block-risk evaluator: every
 * interval it queues the digests of a due slot (09:00, 14:00, 18:00 IST by default) and the messages of new
 * alerts, then sends what is due from the outbox. Queuing is idempotent (dedupe keys), so a rerun, a restart
 * or a lease hand-over sends nothing twice. `now` is injected.
 */
import "server-only";
import { startRepeatingJob, type RepeatingJob } from "@/server/jobs/repeating-job";
import type { Db } from "@/server/db/client";
import { queueAlertMessages, queueDigests, queueEscalations, type DigestOptions } from "@/server/services/notify/fan-out";
import { runOutbox, type OutboxOptions, type OutboxOutcome } from "@/server/services/notify/outbox";

export type NotifyLog = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };

export type NotifyRunOptions = { digests?: DigestOptions; escalateAfterMinutes?: number; outbox?: Omit<OutboxOptions, "log">; log?: NotifyLog };

export type NotifyRun = { digestsQueued: number; alertsQueued: number; escalationsQueued: number; outbox: OutboxOutcome };

/** One pass: queue what is due at `now`, then send. */
export async function runAlertNotifications(db: Db, now: Date, opts: NotifyRunOptions = {}): Promise<NotifyRun> {
  const digestsQueued = await queueDigests(db, now, opts.digests);
  const alertsQueued = await queueAlertMessages(db, now);
  const escalationsQueued = await queueEscalations(db, now, opts.escalateAfterMinutes);
  const outbox = await runOutbox(db, now, { ...opts.outbox, log: opts.log });
  if (digestsQueued + alertsQueued + escalationsQueued > 0) opts.log?.info({ digestsQueued, alertsQueued, escalationsQueued, ...outbox }, "notify: messages queued");
  return { digestsQueued, alertsQueued, escalationsQueued, outbox };
}

export type AlertDigestJobOptions = NotifyRunOptions & { db: Db; log: NotifyLog; intervalMs?: number; now?: () => Date };

/** Runs now and then every `intervalMs` after the previous run ends; every error is caught and logged. */
export function startAlertDigestJob(opts: AlertDigestJobOptions): RepeatingJob {
  const clock = opts.now ?? (() => new Date());
  return startRepeatingJob(
    opts.intervalMs ?? 60_000,
    () => runAlertNotifications(opts.db, clock(), opts),
    (err) => opts.log.error({ err: err instanceof Error ? err.message : String(err) }, "notify: run failed; trying again at the next interval"),
  );
}
