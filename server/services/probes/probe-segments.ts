/**
 * Reads a target's state timeline (probe_segments) as domain segments, the input of uptime, incidents, the
 * timeline strip and the outage bands.
 *
 * The writer (server/probes/store.ts, and the demo seed) keeps each row as: `startedAt` = the first check of
 * the stretch, `lastSeenAt` = the latest check that confirmed it, `endedAt` = when the next stretch began, or
 * lastSeenAt + 2 intervals when the checks stopped. An open row whose last check is older than 2 intervals is
 * therefore a stalled scheduler: it is read as ending there, exactly like `segmentsFromResults` does.
 */
import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";
import type { ProbeState } from "@/core/domain/probe-state";
import { MAX_GAP_INTERVALS, type ProbeSegment, type TimeWindow } from "@/core/domain/uptime";

export type SegmentRow = {
  targetId: number;
  state: ProbeState;
  startedAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
  firstError: string | null;
};

export function segmentFromRow(row: SegmentRow, intervalSeconds: number, now: Date): ProbeSegment {
  if (row.endedAt) return { state: row.state, from: row.startedAt, to: row.endedAt, error: row.firstError };
  const holdUntil = row.lastSeenAt.getTime() + MAX_GAP_INTERVALS * intervalSeconds * 1000;
  return { state: row.state, from: row.startedAt, to: holdUntil >= now.getTime() ? null : new Date(holdUntil), error: row.firstError };
}

/** Segments of each target that overlap `window`, in time order; targets without any map to []. */
export async function loadSegmentsForTargets(db: Db, targetIds: readonly number[], window: TimeWindow, now: Date): Promise<Map<number, ProbeSegment[]>> {
  const result = new Map<number, ProbeSegment[]>(targetIds.map((id) => [id, []]));
  if (targetIds.length === 0) return result;
  const rows = await db.$queryRaw<(SegmentRow & { intervalSeconds: number })[]>(Prisma.sql`
    SELECT s.target_id AS "targetId", s.state, s.started_at AS "startedAt", s.last_seen_at AS "lastSeenAt",
           s.ended_at AS "endedAt", s.first_error AS "firstError", t.interval_seconds AS "intervalSeconds"
    FROM probe_segments s JOIN probe_targets t ON t.id = s.target_id
    WHERE s.target_id IN (${Prisma.join(targetIds)})
      AND s.started_at < ${window.to}
      AND (s.ended_at IS NULL OR s.ended_at > ${window.from})
    ORDER BY s.target_id, s.started_at`);
  for (const row of rows) result.get(row.targetId)?.push(segmentFromRow(row, row.intervalSeconds, now));
  return result;
}

export async function loadSegments(db: Db, targetId: number, window: TimeWindow, now: Date): Promise<ProbeSegment[]> {
  return (await loadSegmentsForTargets(db, [targetId], window, now)).get(targetId) ?? [];
}
