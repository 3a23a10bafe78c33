/**
 * Incidents of a probe target (issue 4): each maximal stretch of DOWN or DEGRADED, read off the state timeline.
 * Pure; `now` is a parameter. The incident log is what the DIO attaches to a deadline-extension request, so
 * it states only what was observed.
 */
import { formatIst } from "@/core/time/ist";
import { isOutage } from "@/core/domain/probe-state";
import { sortedByStart, type ProbeSegment } from "@/core/domain/uptime";

export type Incident = {
  startedAt: Date;
  /** null while the incident is still open. */
  endedAt: Date | null;
  /** Whole seconds, to `now` while open. */
  durationSeconds: number;
  /** The worst state of the stretch: DOWN over DEGRADED. */
  state: "DOWN" | "DEGRADED";
  firstError: string | null;
};

/**
 * Adjacent DOWN and DEGRADED segments (one ends exactly where the next starts) form one incident. Anything
 * else ends it: UP, MAINTENANCE (so maintenance splits an outage in two), PENDING, or a gap with no data.
 *
 * Decisions: PENDING is never part of an incident. An outage that starts UP → PENDING → DOWN starts at the
 * DOWN transition — the moment the retries ran out, the same moment an alert fires — not at the first failed
 * check; that check's time is in the raw results. DEGRADED → PENDING → DOWN is two incidents, a slow one and a
 * down one, which is what was observed. A gap ends an incident because an outage that nobody measured cannot
 * be claimed; short gaps are already bridged by `segmentsFromResults` (2 × interval).
 * `firstError` is the first non-null error among the incident's segments, in time order.
 */
export function incidentsFrom(segments: readonly ProbeSegment[], now: Date): Incident[] {
  const incidents: Incident[] = [];
  let open: { start: number; end: number; ongoing: boolean; state: Incident["state"]; error: string | null } | null = null;
  const close = () => {
    if (!open) return;
    const end = open.ongoing ? now.getTime() : open.end;
    incidents.push({
      startedAt: new Date(open.start),
      endedAt: open.ongoing ? null : new Date(open.end),
      durationSeconds: Math.max(0, Math.floor((end - open.start) / 1000)),
      state: open.state,
      firstError: open.error,
    });
    open = null;
  };
  // Clipping each segment to start where the previous one ended makes overlapping input count once.
  let cursor = -Infinity;
  for (const s of sortedByStart(segments)) {
    const from = Math.max(s.from.getTime(), cursor);
    const to = (s.to ?? now).getTime();
    // An ongoing segment may be empty (it began at `now`); a closed empty one carries nothing.
    if (to < from || (to === from && s.to !== null)) continue;
    cursor = to;
    if (!isOutage(s.state)) {
      close();
    } else if (open && from === open.end) {
      open.end = to;
      open.ongoing = s.to === null;
      if (s.state === "DOWN") open.state = "DOWN";
      open.error ??= s.error ?? null;
    } else {
      close();
      open = { start: from, end: to, ongoing: s.to === null, state: s.state, error: s.error ?? null };
    }
  }
  close();
  return incidents;
}

export const INCIDENT_CSV_HEADER = [
  "started_at",
  "ended_at",
  "started_ist",
  "ended_ist",
  "duration_seconds",
  "state",
  "first_error",
] as const;

/**
 * Header + one row per incident, for the CSV export. Machine columns in ISO 8601 UTC, display columns in IST
 * with seconds; an open incident has an empty `ended_at` and "ongoing" in `ended_ist`. Cells are raw text:
 * the CSV writer (server/imports/csv-safe.ts) neutralises formula-looking errors such as "=…".
 */
export function incidentsCsvRows(incidents: readonly Incident[]): string[][] {
  const ist = (d: Date) => `${formatIst(d, "dd MMM yyyy, HH:mm:ss")} IST`;
  return [
    [...INCIDENT_CSV_HEADER],
    ...incidents.map((i) => [
      i.startedAt.toISOString(),
      i.endedAt ? i.endedAt.toISOString() : "",
      ist(i.startedAt),
      i.endedAt ? ist(i.endedAt) : "ongoing",
      String(i.durationSeconds),
      i.state,
      i.firstError ?? "",
    ]),
  ];
}
