/**
 * Probe alerts (issue 4): a target DOWN for at least `downAfterMinutes` raises one PROBE_DOWN alert per
 * incident, and its recovery one PROBE_RECOVERED alert — only when the DOWN alert was raised, so a short blip
 * below the threshold stays quiet. Both are rows in `alerts` (the in-app list) and, when a webhook URL is set,
 * a JSON POST to it.
 *
 * "Once per incident" holds across restarts and lease hand-overs because the dedupe key names the incident by
 * its start (`probe:{targetId}:{outageStartedAt ISO}:down|recovered`) and the insert is ON CONFLICT DO NOTHING;
 * the in-memory set only saves repeated inserts.
 *
 * Nothing here blocks the probing loop: `onOutcome` decides synchronously, and the database work and webhook
 * deliveries run on a queue of their own.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import { formatIst } from "@/core/time/ist";
import type { ProbeState } from "@/core/domain/probe-state";
import { getAllAlertSettings, type AlertSettings } from "@/server/services/alerts/alert-settings";
import { deliverAlertWebhook } from "@/server/services/alerts/alert-webhook";

export type AlertKind = "down" | "recovered";

/** What the alert rules need to know about one check, before and after. */
export type AlertInput = {
  prevOutageStartedAt: Date | null;
  state: ProbeState;
  /** When the current state began (for DOWN: when the retries ran out). */
  stateSince: Date | null;
  outageStartedAt: Date | null;
  at: Date;
  downAfterMinutes: number;
  /** A DOWN alert was already raised for the current incident (as far as this process knows). */
  downRaised: boolean;
};

/** Pure: which alerts one check raises. The recovered alert is conditional on the DOWN one in SQL. */
export function alertsFor(input: AlertInput): AlertKind[] {
  const kinds: AlertKind[] = [];
  if (input.prevOutageStartedAt !== null && input.outageStartedAt?.getTime() !== input.prevOutageStartedAt.getTime()) kinds.push("recovered");
  if (input.state === "DOWN" && input.outageStartedAt !== null && input.stateSince !== null && !input.downRaised) {
    if (input.at.getTime() - input.stateSince.getTime() >= input.downAfterMinutes * 60_000) kinds.push("down");
  }
  return kinds;
}

export function alertDedupeKey(targetId: number, outageStartedAt: Date, kind: AlertKind): string {
  return `probe:${targetId}:${outageStartedAt.toISOString()}:${kind}`;
}

/** "6 min", "4 h 02 min", "2 d 3 h": a duration an officer reads at a glance. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return `${Math.max(0, Math.floor(ms / 1000))} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export type AlertTarget = { id: number; name: string; url: string };

export type AlertPayload = {
  type: "probe.down" | "probe.recovered";
  target: AlertTarget;
  incident: { startedAt: string; endedAt: string | null; durationSeconds: number; firstError: string | null };
  at: string;
};

export function alertMessage(kind: AlertKind, target: AlertTarget, incident: { startedAt: Date; downSince: Date | null; at: Date; firstError: string | null }): string {
  if (kind === "down") {
    const since = incident.downSince ?? incident.startedAt;
    const reason = incident.firstError ? `: ${incident.firstError}` : "";
    return `${target.name} has been DOWN for ${formatDuration(incident.at.getTime() - since.getTime())} (since ${formatIst(since)} IST)${reason}`;
  }
  return `${target.name} has recovered after ${formatDuration(incident.at.getTime() - incident.startedAt.getTime())} of outage (${formatIst(incident.startedAt)} to ${formatIst(incident.at, "HH:mm")} IST)`;
}

export type AlertLog = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export type AlertOutcome = {
  target: AlertTarget;
  /** The target's state: whose settings apply, and whom the alert concerns. */
  stateId: number;
  state: ProbeState;
  stateSince: Date | null;
  error: string | null;
  at: Date;
  prevOutageStartedAt: Date | null;
  outageStartedAt: Date | null;
};

export type AlertEngineOptions = {
  db: Db;
  log: AlertLog;
  settingsRefreshMs?: number;
  webhookTimeoutMs?: number;
  /** Waits between webhook attempts (3 attempts = 2 waits). */
  webhookBackoffMs?: readonly number[];
  /** For tests: loopback webhook receivers are allowed anyway; this can stub fetch entirely. */
  fetchImpl?: typeof fetch;
};

export type AlertEngine = {
  onOutcome(outcome: AlertOutcome): void;
  /** Resolves when queued alert writes and webhook deliveries are done. */
  idle(): Promise<void>;
  stop(): Promise<void>;
};

type Incident = { startedAt: number; firstError: string | null; seenFromStart: boolean };

export function createAlertEngine(opts: AlertEngineOptions): AlertEngine {
  const { db, log } = opts;
  let settingsByState: Map<number, AlertSettings> | null = null;
  let stopped = false;
  const raised = new Set<string>();
  const incidents = new Map<number, Incident>();
  const pending = new Set<Promise<void>>();
  let queue: Promise<void> = Promise.resolve();

  const refresh = async () => {
    try {
      settingsByState = await getAllAlertSettings(db);
    } catch (err) {
      log.error({ err }, "alerts: reading the alert settings failed; keeping the previous ones");
    }
  };
  const track = (p: Promise<void>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  track(refresh());
  const timer = setInterval(() => track(refresh()), opts.settingsRefreshMs ?? 30_000);
  timer.unref();

  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((err: unknown) => log.error({ err }, "alerts: raising an alert failed"));
    track(queue);
  };

  async function firstErrorOf(targetId: number, incident: Incident): Promise<string | null> {
    if (incident.seenFromStart && incident.firstError !== null) return incident.firstError;
    // Picked up mid-incident (a hand-over): the timeline knows the first error.
    const rows = await db.$queryRaw<{ firstError: string }[]>`
      SELECT first_error AS "firstError" FROM probe_segments
      WHERE target_id = ${targetId} AND started_at >= ${new Date(incident.startedAt).toISOString()}::timestamp(3) AND first_error IS NOT NULL
      ORDER BY started_at LIMIT 1`;
    return rows[0]?.firstError ?? incident.firstError;
  }

  async function raise(kind: AlertKind, o: AlertOutcome, incident: Incident): Promise<void> {
    const startedAt = new Date(incident.startedAt);
    const key = alertDedupeKey(o.target.id, startedAt, kind);
    const firstError = await firstErrorOf(o.target.id, incident);
    const payload: AlertPayload = {
      type: kind === "down" ? "probe.down" : "probe.recovered",
      target: o.target,
      incident: {
        startedAt: startedAt.toISOString(),
        endedAt: kind === "recovered" ? o.at.toISOString() : null,
        durationSeconds: Math.max(0, Math.floor((o.at.getTime() - incident.startedAt) / 1000)),
        firstError,
      },
      at: o.at.toISOString(),
    };
    const message = alertMessage(kind, o.target, { startedAt, downSince: o.state === "DOWN" ? o.stateSince : null, at: o.at, firstError });
    const webhookUrl = settingsByState?.get(o.stateId)?.webhookUrl ?? null;
    const status = webhookUrl ? "PENDING" : "NONE";
    const downKey = alertDedupeKey(o.target.id, startedAt, "down");
    // The recovered alert exists only for incidents whose DOWN alert was raised (by this or any instance).
    const rows = await db.$queryRaw<{ id: number }[]>`
      INSERT INTO alerts (kind, dedupe_key, target_id, state_id, message, payload, created_at, webhook_status)
      SELECT ${kind === "down" ? "PROBE_DOWN" : "PROBE_RECOVERED"}::"AlertKind", ${key}, ${o.target.id}, ${o.stateId}, ${message},
             ${JSON.stringify(payload)}::jsonb, ${o.at.toISOString()}::timestamp(3), ${status}::"WebhookStatus"
      WHERE ${kind === "down"} OR EXISTS (SELECT 1 FROM alerts WHERE dedupe_key = ${downKey})
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id`;
    const id = rows[0]?.id;
    if (id === undefined) return;
    log.info({ alertId: id, targetId: o.target.id, kind }, message);
    if (webhookUrl) track(deliver(id, webhookUrl, payload));
  }

  async function deliver(alertId: number, url: string, payload: AlertPayload): Promise<void> {
    const sent = await deliverAlertWebhook(db, alertId, url, payload, {
      timeoutMs: opts.webhookTimeoutMs,
      backoffMs: opts.webhookBackoffMs,
      fetchImpl: opts.fetchImpl,
      stopped: () => stopped,
    });
    if (!sent) log.warn({ alertId }, "alerts: webhook delivery failed");
  }

  return {
    onOutcome(o) {
      if (stopped) return;
      const known = incidents.get(o.target.id);
      const asOf = (startedAt: Date): Incident =>
        known?.startedAt === startedAt.getTime() ? { ...known } : { startedAt: startedAt.getTime(), firstError: null, seenFromStart: false };
      const left = o.prevOutageStartedAt ? asOf(o.prevOutageStartedAt) : null;
      let current: Incident | null = null;
      if (o.outageStartedAt !== null) {
        current = known?.startedAt === o.outageStartedAt.getTime() ? known : null;
        if (current === null) {
          current = { startedAt: o.outageStartedAt.getTime(), firstError: o.error, seenFromStart: o.outageStartedAt.getTime() === o.at.getTime() };
          incidents.set(o.target.id, current);
        } else {
          current.firstError ??= o.error;
        }
      }
      const settings = settingsByState?.get(o.stateId) ?? null;
      if (settings === null && o.state === "DOWN") return; // settings not read yet: decided on the next check
      const downKey = o.outageStartedAt ? alertDedupeKey(o.target.id, o.outageStartedAt, "down") : null;
      const kinds = alertsFor({
        prevOutageStartedAt: o.prevOutageStartedAt,
        state: o.state,
        stateSince: o.stateSince,
        outageStartedAt: o.outageStartedAt,
        at: o.at,
        downAfterMinutes: settings?.downAfterMinutes ?? Number.POSITIVE_INFINITY,
        downRaised: downKey !== null && raised.has(downKey),
      });
      for (const kind of kinds) {
        if (kind === "recovered" && left && o.prevOutageStartedAt) {
          raised.delete(alertDedupeKey(o.target.id, o.prevOutageStartedAt, "down"));
          enqueue(() => raise("recovered", o, left));
        } else if (kind === "down" && current && downKey) {
          raised.add(downKey);
          const snapshot = { ...current };
          enqueue(() => raise("down", o, snapshot));
        }
      }
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    async stop() {
      clearInterval(timer);
      await Promise.allSettled([...pending]);
      stopped = true;
    },
  };
}
