/**
 * Writes the demo's probe story (probe-plan.ts, probe-field-plan.ts) for the "National portal" target: raw
 * results, the state timeline, the target's scheduler memory, rollups, field reports and the outage's alert
 * pair. Runs inside the demo seed's transaction (seed-demo.ts).
 *
 * Story clock: the history always ends at the demo anchor (the seed's "now"). When a later start moves the
 * demo forward by whole days, the demo target's whole history is deleted and written again for the new
 * anchor: the same story N days later (outage and Pirpainti's night keep their place next to the camps, which
 * moved too; only the slow spells are redrawn, since they follow the weekdays). Results the
 * live scheduler added between the two starts — real checks of the local simulator — are dropped with it:
 * moved N days forward they would overlap the story's own timeline and claim checks at times nobody probed.
 * Field reports and alerts of the demo target go the same way; other targets are real and never touched.
 *
 * The target's URL is the local portal simulator that `npm start` runs in demo mode (never the internet),
 * on TEEKA_SIM_PORT as seen by the process that seeds; a later start with another port re-points it.
 */
import "server-only";
import { environment, type Environment } from "@/server/config";
import type { Db } from "@/server/db/client";
import { incidentsFrom } from "@/core/domain/incidents";
import { Prisma } from "@/server/generated/prisma/client";
import { type AlertPayload, type AlertTarget, alertDedupeKey, alertMessage } from "@/server/jobs/probes/alerts";
import { rollUpProbeResults } from "@/server/jobs/probes/rollups";
import { DEFAULT_DOWN_AFTER_MINUTES } from "@/server/services/alerts/alert-settings";
import { HOUR_MS, MINUTE_MS } from "@/server/seed/ist-time";
import { FIELD_REPORTERS, planFieldReports } from "@/server/seed/probe-field-plan";
import { DEMO_PROBE_TARGET, type ProbeHistoryPlan, planProbeHistory } from "@/server/seed/probe-plan";
import type { DbClient } from "@/server/seed/reference-data";

/** app_settings key holding the demo target's id: a target the district officer deleted stays deleted. */
export const DEMO_PROBE_TARGET_KEY = "demo.probeTargetId";
export const DEFAULT_SIM_PORT = 4010;
const SIMULATOR_URL = /^http:\/\/127\.0\.0\.1:\d+\/$/;

/** Where the demo's portal simulator listens (TEEKA_SIM_PORT, validated with the rest of the configuration). */
export function simulatorPort(env: Environment = environment()): number {
  return env.TEEKA_SIM_PORT;
}

export const demoPortalUrl = (env: Environment = environment()) => `http://127.0.0.1:${simulatorPort(env)}/`;

export type DemoProbeOptions = {
  /** The demo anchor: the history ends here. */
  now: Date;
  /** The state whose target it is (shared by its districts), and the district the field reports come from. */
  stateId: number;
  districtId: number;
  blockIds: ReadonlyMap<string, number>;
  /** Write the history again even if the target exists (the story moved forward). */
  regenerate: boolean;
  url?: string;
  log?: (message: string) => void;
};

export type DemoProbeOutcome = "written" | "kept" | "deleted-by-user";

export async function ensureDemoProbeHistory(tx: DbClient, opts: DemoProbeOptions): Promise<DemoProbeOutcome> {
  const url = opts.url ?? demoPortalUrl();
  const setting = await tx.appSetting.findUnique({ where: { key: DEMO_PROBE_TARGET_KEY } });
  let known = setting ? await tx.probeTarget.findUnique({ where: { id: Number(setting.value) } }) : null;
  if (setting && !known) return "deleted-by-user";
  if (known && known.url !== url && SIMULATOR_URL.test(known.url)) known = await tx.probeTarget.update({ where: { id: known.id }, data: { url } });
  if (known && !opts.regenerate) return "kept";

  const started = performance.now();
  const plan = planProbeHistory(opts.now);
  const first = plan.checks[0]!.checkedAt;
  const target =
    known ??
    (await tx.probeTarget.upsert({
      where: { stateId_name: { stateId: opts.stateId, name: DEMO_PROBE_TARGET.name } },
      create: { ...DEMO_PROBE_TARGET, stateId: opts.stateId, expectedStatus: [...DEMO_PROBE_TARGET.expectedStatus], url, createdAt: new Date(first.getTime() - HOUR_MS) },
      update: {},
    }));
  const id = target.id;
  await tx.probeResult.deleteMany({ where: { targetId: id } });
  await tx.probeSegment.deleteMany({ where: { targetId: id } });
  await tx.probeRollup.deleteMany({ where: { targetId: id } });
  await tx.alert.deleteMany({ where: { targetId: id } });
  await tx.fieldProbeReport.deleteMany({ where: { targetId: id } });
  await insertResults(tx, id, plan);
  await insertSegments(tx, id, plan);
  await writeMemory(tx, id, plan);
  await insertAlerts(tx, { id, name: target.name, url: target.url }, opts.stateId, plan);
  const reports = await insertFieldReports(tx, id, plan, opts.districtId, opts.blockIds);
  // The rollup module takes a client; inside the seed's transaction the transaction client does the same job.
  await rollUpProbeResults(tx as unknown as Db, { from: first, to: opts.now, targetIds: [id] });
  await tx.appSetting.upsert({ where: { key: DEMO_PROBE_TARGET_KEY }, create: { key: DEMO_PROBE_TARGET_KEY, value: String(id) }, update: { value: String(id) } });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  opts.log?.(`Wrote ${plan.checks.length} probe results, ${plan.segments.length} segments and ${reports} field reports in ${seconds} s`);
  return "written";
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function insertResults(tx: DbClient, targetId: number, { checks }: ProbeHistoryPlan): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO probe_results (target_id, checked_at, state, ok, slow, keyword_missing, status_code, latency_ms, error)
    SELECT ${targetId}::int, r.* FROM unnest(${checks.map((c) => iso(c.checkedAt))}::timestamp(3)[],
      ${checks.map((c) => c.state)}::"ProbeState"[], ${checks.map((c) => c.ok)}::bool[], ${checks.map((c) => c.slow)}::bool[],
      ${checks.map((c) => c.keywordMissing)}::bool[], ${checks.map((c) => c.statusCode)}::int[],
      ${checks.map((c) => c.latencyMs)}::int[], ${checks.map((c) => c.error)}::text[]) AS r`;
}

async function insertSegments(tx: DbClient, targetId: number, { segments }: ProbeHistoryPlan): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO probe_segments (target_id, state, started_at, last_seen_at, ended_at, first_error)
    SELECT ${targetId}::int, s.* FROM unnest(${segments.map((s) => s.state)}::"ProbeState"[],
      ${segments.map((s) => iso(s.startedAt))}::timestamp(3)[], ${segments.map((s) => iso(s.lastSeenAt))}::timestamp(3)[],
      ${segments.map((s) => iso(s.endedAt))}::timestamp(3)[], ${segments.map((s) => s.firstError)}::text[]) AS s`;
}

async function writeMemory(tx: DbClient, targetId: number, { checks, memory }: ProbeHistoryPlan): Promise<void> {
  const last = checks[checks.length - 1]!;
  await tx.probeTarget.update({
    where: { id: targetId },
    data: {
      state: last.state,
      stateSince: memory.since,
      consecutiveFailures: memory.consecutiveFailures,
      // The story ends UP; were it to end inside a DOWN/DEGRADED stretch, that stretch would be the outage.
      outageStartedAt: last.state === "DOWN" || last.state === "DEGRADED" ? memory.since : null,
      lastCheckedAt: last.checkedAt,
      lastLatencyMs: last.ok ? last.latencyMs : null,
      lastStatusCode: last.statusCode,
      lastError: last.error,
    },
  });
}

/**
 * One PROBE_DOWN and one PROBE_RECOVERED per closed DOWN incident, as the live alert engine (alerts.ts) would
 * have raised them: the DOWN alert at the first check DOWN for the default threshold, the recovery at the
 * first check after it; same keys, messages and payloads.
 */
async function insertAlerts(tx: DbClient, target: AlertTarget, stateId: number, plan: ProbeHistoryPlan): Promise<void> {
  const domainSegments = plan.segments.map((s) => ({ state: s.state, from: s.startedAt, to: s.endedAt, error: s.firstError }));
  const downs = incidentsFrom(domainSegments, plan.story.now).filter((i) => i.state === "DOWN" && i.endedAt !== null);
  const rows: Prisma.AlertCreateManyInput[] = [];
  for (const { startedAt, endedAt, firstError } of downs) {
    const threshold = startedAt.getTime() + DEFAULT_DOWN_AFTER_MINUTES * MINUTE_MS;
    const raisedBy = plan.checks.find((c) => c.checkedAt.getTime() >= threshold && c.checkedAt < endedAt!);
    if (!raisedBy) continue; // a blip below the threshold stays quiet, and so does its recovery
    for (const [kind, at] of [["down", raisedBy.checkedAt], ["recovered", endedAt!]] as const) {
      const payload: AlertPayload = {
        type: kind === "down" ? "probe.down" : "probe.recovered",
        target,
        incident: {
          startedAt: startedAt.toISOString(),
          endedAt: kind === "recovered" ? at.toISOString() : null,
          durationSeconds: Math.floor((at.getTime() - startedAt.getTime()) / 1000),
          firstError,
        },
        at: at.toISOString(),
      };
      rows.push({
        kind: kind === "down" ? "PROBE_DOWN" : "PROBE_RECOVERED",
        dedupeKey: alertDedupeKey(target.id, startedAt, kind),
        targetId: target.id,
        stateId,
        message: alertMessage(kind, target, { startedAt, downSince: kind === "down" ? startedAt : null, at, firstError }),
        payload,
        createdAt: at,
        webhookStatus: "NONE",
      });
    }
  }
  if (rows.length > 0) await tx.alert.createMany({ data: rows });
}

async function insertFieldReports(tx: DbClient, targetId: number, plan: ProbeHistoryPlan, districtId: number, blockIds: ReadonlyMap<string, number>): Promise<number> {
  const reports = planFieldReports(plan.story);
  const users = await tx.user.findMany({ where: { username: { in: [...FIELD_REPORTERS] } }, select: { id: true, username: true } });
  const userIds = new Map(users.map((u) => [u.username, u.id]));
  const blockOf = (unit: string) => {
    const blockId = blockIds.get(unit);
    if (blockId === undefined) throw new Error(`demo seed: unknown block ${unit}`);
    return blockId;
  };
  return tx.$executeRaw`
    INSERT INTO field_probe_reports (district_id, block_id, target_id, reported_by_id, checked_at, received_at, ok, latency_ms, error, source)
    SELECT ${districtId}::int, f.block_id, ${targetId}::int, f.reported_by_id, f.checked_at, f.received_at, f.ok, f.latency_ms, f.error, f.source
    FROM unnest(${reports.map((r) => blockOf(r.unit))}::int[], ${reports.map((r) => (r.reporter ? (userIds.get(r.reporter) ?? null) : null))}::int[],
      ${reports.map((r) => iso(r.checkedAt))}::timestamp(3)[], ${reports.map((r) => iso(r.receivedAt))}::timestamp(3)[],
      ${reports.map((r) => r.ok)}::bool[], ${reports.map((r) => r.latencyMs)}::int[], ${reports.map((r) => r.error)}::text[],
      ${reports.map((r) => r.source)}::"FieldProbeSource"[])
      AS f(block_id, reported_by_id, checked_at, received_at, ok, latency_ms, error, source)`;
}
