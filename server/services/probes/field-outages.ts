/**
 * Stretches in which a block HQ could not reach the portal, read off the field reports (issue 4): two or more
 * failed reports in a row (no successful one between them), from the first failure to the next success.
 * Each stretch says whose fault it was, from the central probe's timeline over the same time:
 * PORTAL when the portal itself was down (DOWN, PENDING or in maintenance) for at least half of it, otherwise
 * BLOCK_NETWORK — the block's own link, as on one block's night after the second camp of the June 2021 story.
 */
import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { scopeSql, type Scope } from "@/server/auth/scope";
import type { ProbeSegment, TimeWindow } from "@/core/domain/uptime";
import { chooseCentral } from "@/server/services/probes/field-reach";
import { loadSegments } from "@/server/services/probes/probe-segments";

export const FIELD_OUTAGE_MIN_FAILED_REPORTS = 2;
const DAY_MS = 86_400_000;

export type FieldOutage = {
  blockId: number;
  block: string;
  startedAt: Date;
  /** The next successful report; null while the block is still failing. */
  endedAt: Date | null;
  lastFailedAt: Date;
  failures: number;
  cause: "BLOCK_NETWORK" | "PORTAL";
};

export type FieldOutages = { window: TimeWindow; central: { targetId: number; name: string } | null; outages: FieldOutage[] };

type Row = Omit<FieldOutage, "cause">;

const UNUSABLE = new Set(["DOWN", "PENDING", "MAINTENANCE"]);

/** Milliseconds of [from, to) during which the central probe says the portal itself was unusable. */
function portalDownMs(segments: readonly ProbeSegment[], from: number, to: number, now: Date): number {
  return segments
    .filter((s) => UNUSABLE.has(s.state))
    .reduce((sum, s) => sum + Math.max(0, Math.min(to, (s.to ?? now).getTime()) - Math.max(from, s.from.getTime())), 0);
}

export function causeOf(outage: Pick<Row, "startedAt" | "endedAt" | "lastFailedAt">, segments: readonly ProbeSegment[], now: Date): FieldOutage["cause"] {
  const from = outage.startedAt.getTime();
  const to = Math.max(from + 1, (outage.endedAt ?? outage.lastFailedAt).getTime());
  return portalDownMs(segments, from, to, now) * 2 >= to - from ? "PORTAL" : "BLOCK_NETWORK";
}

export async function listFieldOutages(db: Db, scope: Scope, now: Date, options: { days?: number } = {}): Promise<FieldOutages> {
  const window = { from: new Date(now.getTime() - (options.days ?? 7) * DAY_MS), to: now };
  const central = await chooseCentral(db, scope, window, undefined);
  const [rows, segments] = await Promise.all([
    db.$queryRaw<Row[]>(Prisma.sql`
      WITH r AS (
        SELECT block_id, checked_at, ok,
               count(*) FILTER (WHERE ok) OVER (PARTITION BY block_id ORDER BY checked_at, id) AS grp
        FROM field_probe_reports
        WHERE checked_at > ${window.from} AND checked_at <= ${window.to} AND ${scopeSql(scope, { district: Prisma.sql`district_id`, block: Prisma.sql`block_id` })}
      ), islands AS (
        SELECT block_id, min(checked_at) AS started_at, max(checked_at) AS last_failed_at, count(*)::int AS failures
        FROM r WHERE NOT ok GROUP BY block_id, grp HAVING count(*) >= ${FIELD_OUTAGE_MIN_FAILED_REPORTS}
      )
      SELECT i.block_id AS "blockId", b.name AS block, i.started_at AS "startedAt", i.last_failed_at AS "lastFailedAt", i.failures,
             (SELECT min(n.checked_at) FROM field_probe_reports n
               WHERE n.block_id = i.block_id AND n.ok AND n.checked_at > i.last_failed_at AND n.checked_at <= ${window.to}) AS "endedAt"
      FROM islands i JOIN blocks b ON b.id = i.block_id
      ORDER BY i.started_at DESC, b.name`),
    central ? loadSegments(db, central.id, window, now) : Promise.resolve([] as ProbeSegment[]),
  ]);
  return { window, central: central ? { targetId: central.id, name: central.name } : null, outages: rows.map((row) => ({ ...row, cause: causeOf(row, segments, now) })) };
}
