/**
 * The at-risk evaluator (issue 5): every minute, the burn-down forecast of every block; when a block's forecast
 * starts to miss the deadline in force (48 h in Bihar), one BLOCK_AT_RISK alert, and when it stops (rate picked up, backlog
 * cleared), one BLOCK_BACK_ON_TRACK alert. In-app rows in `alerts`, plus a webhook POST when one is set.
 *
 * "Once per episode": a block's state is the kind of its latest block alert (at risk = an open episode). An
 * episode is named by the instant it was first seen (`block:{id}:at-risk:{IST date}:{start ISO}`), and its end
 * by the same start (`block:{id}:back-on-track:{start ISO}`). A state change is written under a transaction-level
 * advisory lock on the block, after re-reading the latest alert, so two evaluators (a lease hand-over) cannot open
 * the same episode twice; the unique dedupe key backs this up.
 *
 * Known limit: no hysteresis. A block whose forecast hovers at the edge (one entry more or less in the rate
 * window) opens and closes episodes as often as it flips.
 */
import "server-only";
import { startRepeatingJob, type RepeatingJob } from "@/server/jobs/repeating-job";
import type { Db } from "@/server/db/client";
import { Prisma } from "@/server/generated/prisma/client";
import { formatIst, istDateKey } from "@/core/time/ist";
import { RATE_WINDOW_WORKING_HOURS, type BurnDownForecast } from "@/core/domain/burn-down";
import { FORTY_EIGHT_HOURS, type DeadlineRule } from "@/core/domain/deadline-rule";
import { deadlineName } from "@/core/domain/programme-rules";
import { getBlockForecasts, type BlockForecast } from "@/server/services/performance/burn-down";
import { getAlertSettings } from "@/server/services/alerts/alert-settings";
import { deliverAlertWebhook, type WebhookOptions } from "@/server/services/alerts/alert-webhook";

const LOCK_NAMESPACE = 0x7e4b; // advisory-lock class for block-risk episodes

export type BlockRiskLog = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export type BlockRiskPayload = {
  type: "block.at_risk" | "block.back_on_track";
  block: { id: number; name: string };
  episodeStartedAt: string;
  forecast: {
    status: BurnDownForecast["status"];
    pending: number;
    ratePerHour: number | null;
    rateWindowWorkingHours: number;
    clearsAt: string | null;
    alreadyOverdue: number;
    willCrossDeadline: number;
    firstMissAt: string | null;
  };
  at: string;
};

export type RaisedAlert = { alertId: number; blockId: number; kind: "BLOCK_AT_RISK" | "BLOCK_BACK_ON_TRACK"; dedupeKey: string };

export type EvaluateOptions = { log?: BlockRiskLog; webhook?: WebhookOptions };

export type BlockRiskOutcome = { evaluated: number; atRisk: number[]; raised: RaisedAlert[] };

export function atRiskKey(blockId: number, episodeStart: Date): string {
  return `block:${blockId}:at-risk:${istDateKey(episodeStart)}:${episodeStart.toISOString()}`;
}

export function backOnTrackKey(blockId: number, episodeStart: Date): string {
  return `block:${blockId}:back-on-track:${episodeStart.toISOString()}`;
}

/** The forecast in words, for the alert text: the uncertain cases are named, not hidden behind a number. */
export function describeForecast(f: BurnDownForecast, rule: DeadlineRule = FORTY_EIGHT_HOURS): string {
  // "48 h" under an hours rule (the words the alerts always had); "the deadline" under a by-time one.
  const mark = rule.kind === "hours" ? deadlineName(rule, "en") : "the deadline";
  const overdue = f.alreadyOverdue > 0 ? `; ${f.alreadyOverdue} already past ${mark}` : "";
  const miss = f.firstMissAt ? `, the first at ${formatIst(f.firstMissAt)} IST` : "";
  const crossing = `${f.willCrossDeadline} more will cross ${mark}${miss}`;
  switch (f.status) {
    case "NO_RATE":
      return `${f.pending} pending, no entries made yet (no rate to forecast from); ${crossing}${overdue}`;
    case "STALLED":
      return `${f.pending} pending, no entries in the last ${RATE_WINDOW_WORKING_HOURS} working hours (rate 0, never clears); ${crossing}${overdue}`;
    case "AT_RISK":
    case "ON_TRACK":
      return `${f.pending} pending at ${f.ratePerHour?.toFixed(1)} entries/h, clears about ${f.clearsAt ? formatIst(f.clearsAt) : "?"} IST; ${crossing}${overdue}`;
    case "CLEAR":
      return `no entries pending${overdue}`;
  }
}

/** "the 48-hour deadline", "the deadline (by 17:00 the next day)". */
function deadlinePhrase(rule: DeadlineRule): string {
  return rule.kind === "hours" ? `the ${rule.hours}-hour deadline` : `the deadline (${deadlineName(rule, "en")})`;
}

function payloadOf(kind: RaisedAlert["kind"], b: BlockForecast, episodeStart: Date, now: Date): BlockRiskPayload {
  const f = b.forecast;
  return {
    type: kind === "BLOCK_AT_RISK" ? "block.at_risk" : "block.back_on_track",
    block: { id: b.blockId, name: b.block },
    episodeStartedAt: episodeStart.toISOString(),
    forecast: {
      status: f.status,
      pending: f.pending,
      ratePerHour: f.ratePerHour,
      rateWindowWorkingHours: RATE_WINDOW_WORKING_HOURS,
      clearsAt: f.clearsAt?.toISOString() ?? null,
      alreadyOverdue: f.alreadyOverdue,
      willCrossDeadline: f.willCrossDeadline,
      firstMissAt: f.firstMissAt?.toISOString() ?? null,
    },
    at: now.toISOString(),
  };
}

type LatestAlert = { block_id: number; kind: "BLOCK_AT_RISK" | "BLOCK_BACK_ON_TRACK"; payload: unknown; created_at: Date };

const latestSql = (blockFilter: Prisma.Sql) => Prisma.sql`
  SELECT DISTINCT ON (block_id) block_id, kind::text AS kind, payload, created_at FROM alerts
  WHERE kind IN ('BLOCK_AT_RISK', 'BLOCK_BACK_ON_TRACK') AND block_id IS NOT NULL AND ${blockFilter}
  ORDER BY block_id, id DESC`;

function episodeStartOf(latest: LatestAlert): Date {
  const raw = (latest.payload as { episodeStartedAt?: unknown } | null)?.episodeStartedAt;
  const start = typeof raw === "string" ? new Date(raw) : null;
  return start && !Number.isNaN(start.getTime()) ? start : latest.created_at;
}

export const MIN_EPISODE_MS = 30 * 60_000;

/** The forecasts of every block of every district with blocks, each district under its own rules. */
async function forecastEveryBlock(db: Db, now: Date): Promise<(BlockForecast & { districtId: number; stateId: number })[]> {
  const districts = await db.district.findMany({ where: { blocks: { some: {} } }, select: { id: true, stateId: true }, orderBy: { id: "asc" } });
  const lists = await Promise.all(
    districts.map(async (d) => {
      const list = await getBlockForecasts(db, { kind: "district", stateId: d.stateId, districtId: d.id }, now);
      return list.blocks.map((b) => ({ ...b, districtId: d.id, stateId: d.stateId }));
    }),
  );
  return lists.flat();
}

/** Forecasts every block at `now` and writes the alerts for blocks that turned at risk or back on track. */
export async function evaluateBlockRisk(db: Db, now: Date, opts: EvaluateOptions = {}): Promise<BlockRiskOutcome> {
  const forecasts = { blocks: await forecastEveryBlock(db, now) };
  const latest = await db.$queryRaw<LatestAlert[]>(latestSql(Prisma.sql`TRUE`));
  const openEpisode = new Map(latest.filter((l) => l.kind === "BLOCK_AT_RISK").map((l) => [l.block_id, l]));
  const changed = forecasts.blocks.filter((b) => {
    const open = openEpisode.get(b.blockId);
    if (b.atRisk === Boolean(open)) return false;
    // Hysteresis: a forecast at the edge flips every minute as single entries cross the deadline; an episode ends
    // early only when the backlog is cleared, otherwise after it has lasted MIN_EPISODE_MS.
    return !open || b.forecast.status === "CLEAR" || now.getTime() - episodeStartOf(open).getTime() >= MIN_EPISODE_MS;
  });
  const raised: RaisedAlert[] = [];
  if (changed.length > 0) {
    const settings = new Map<number, string | null>();
    for (const b of changed) {
      if (!settings.has(b.stateId)) settings.set(b.stateId, (await getAlertSettings(db, b.stateId)).webhookUrl);
      const webhookUrl = settings.get(b.stateId) ?? null;
      const alert = await writeTransition(db, b, now, webhookUrl !== null);
      if (!alert) continue;
      raised.push({ alertId: alert.id, blockId: b.blockId, kind: alert.kind, dedupeKey: alert.dedupeKey });
      opts.log?.info({ alertId: alert.id, blockId: b.blockId, kind: alert.kind }, alert.message);
      if (webhookUrl) {
        const sent = await deliverAlertWebhook(db, alert.id, webhookUrl, alert.payload, opts.webhook);
        if (!sent) opts.log?.warn({ alertId: alert.id }, "block-risk: webhook delivery failed");
      }
    }
  }
  return { evaluated: forecasts.blocks.length, atRisk: forecasts.blocks.filter((b) => b.atRisk).map((b) => b.blockId), raised };
}

async function writeTransition(db: Db, b: BlockForecast & { districtId: number }, now: Date, withWebhook: boolean) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, ${b.blockId}::int)`;
    const [current] = await tx.$queryRaw<LatestAlert[]>(latestSql(Prisma.sql`block_id = ${b.blockId}`));
    const open = current?.kind === "BLOCK_AT_RISK";
    if (open === b.atRisk) return null; // another evaluator wrote it meanwhile
    const kind = b.atRisk ? ("BLOCK_AT_RISK" as const) : ("BLOCK_BACK_ON_TRACK" as const);
    const episodeStart = b.atRisk || !current ? now : episodeStartOf(current);
    const dedupeKey = b.atRisk ? atRiskKey(b.blockId, episodeStart) : backOnTrackKey(b.blockId, episodeStart);
    const payload = payloadOf(kind, b, episodeStart, now);
    const message = b.atRisk
      ? `${b.block} is at risk of missing ${deadlinePhrase(b.deadline)}: ${describeForecast(b.forecast, b.deadline)}.`
      : `${b.block} is back on track (at risk since ${formatIst(episodeStart)} IST): ${describeForecast(b.forecast, b.deadline)}.`;
    const rows = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO alerts (kind, dedupe_key, district_id, block_id, message, payload, created_at, webhook_status)
      VALUES (${kind}::"AlertKind", ${dedupeKey}, ${b.districtId}, ${b.blockId}, ${message}, ${JSON.stringify(payload)}::jsonb,
              ${now}::timestamp(3), ${withWebhook ? "PENDING" : "NONE"}::"WebhookStatus")
      ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`;
    const id = rows[0]?.id;
    return id === undefined ? null : { id, kind, dedupeKey, message, payload };
  });
}

export type BlockRiskJobOptions = { db: Db; log: BlockRiskLog; intervalMs?: number; now?: () => Date; webhook?: WebhookOptions };

/** Evaluates now and then every `intervalMs` after the previous run ends; every error is caught and logged. */
export function startBlockRiskJob(opts: BlockRiskJobOptions): RepeatingJob {
  const clock = opts.now ?? (() => new Date());
  return startRepeatingJob(
    opts.intervalMs ?? 60_000,
    () => evaluateBlockRisk(opts.db, clock(), { log: opts.log, webhook: opts.webhook }),
    (err) => opts.log.error({ err }, "block-risk: evaluation failed; trying again at the next interval"),
  );
}
