import { describe, expect, it } from "vitest";
import { INCIDENT_CSV_HEADER, incidentsCsvRows, incidentsFrom, type Incident } from "@/core/domain/incidents";
import type { ProbeState } from "@/core/domain/probe-state";
import type { ProbeSegment } from "@/core/domain/uptime";

const H = 3_600_000;
const M = 60_000;
// The story's "now": 23 June 2021, 12:00 IST.
const NOW = new Date("2021-06-23T06:30:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const seg = (state: ProbeState, fromAgo: number, toAgo: number | null, error: string | null = null): ProbeSegment => ({
  state,
  from: ago(fromAgo),
  to: toAgo === null ? null : ago(toAgo),
  error,
});

describe("incidentsFrom", () => {
  it("finds no incident in a timeline without DOWN or DEGRADED", () => {
    expect(incidentsFrom([seg("UP", 10 * H, 5 * H), seg("PENDING", 5 * H, 4 * H), seg("UP", 4 * H, null)], NOW)).toEqual([]);
    expect(incidentsFrom([], NOW)).toEqual([]);
  });

  it("records a closed outage with its start, end, duration and error", () => {
    const incidents = incidentsFrom([seg("UP", 30 * H, 28 * H), seg("DOWN", 28 * H, 24 * H, "connect ETIMEDOUT"), seg("UP", 24 * H, null)], NOW);
    expect(incidents).toEqual<Incident[]>([
      { startedAt: ago(28 * H), endedAt: ago(24 * H), durationSeconds: 4 * 3600, state: "DOWN", firstError: "connect ETIMEDOUT" },
    ]);
  });

  it("merges adjacent DOWN and DEGRADED into one incident whose state is the worst", () => {
    const incidents = incidentsFrom(
      [seg("DEGRADED", 6 * H, 5 * H, "slow: 9200 ms"), seg("DOWN", 5 * H, 3 * H, "HTTP 503"), seg("DEGRADED", 3 * H, 2 * H), seg("UP", 2 * H, null)],
      NOW,
    );
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ startedAt: ago(6 * H), endedAt: ago(2 * H), state: "DOWN", durationSeconds: 4 * 3600 });
  });

  it("keeps DEGRADED as the state when the stretch was never DOWN", () => {
    const [incident] = incidentsFrom([seg("DEGRADED", 3 * H, 2 * H), seg("DEGRADED", 2 * H, H)], NOW);
    expect(incident).toMatchObject({ state: "DEGRADED", durationSeconds: 2 * 3600 });
  });

  it("keeps the first error of the stretch, skipping segments that carry none", () => {
    const [incident] = incidentsFrom([seg("DEGRADED", 3 * H, 2 * H), seg("DOWN", 2 * H, H, "ECONNRESET"), seg("DOWN", H, 0, "HTTP 502")], NOW);
    expect(incident!.firstError).toBe("ECONNRESET");
  });

  it("leaves an ongoing incident open, with its duration counted to now", () => {
    const [incident] = incidentsFrom([seg("UP", 5 * H, 90 * M), seg("DOWN", 90 * M, 30 * M), seg("DEGRADED", 30 * M, null)], NOW);
    expect(incident).toMatchObject({ startedAt: ago(90 * M), endedAt: null, durationSeconds: 90 * 60, state: "DOWN" });
  });

  it("opens an incident that began at this very instant, with duration 0", () => {
    expect(incidentsFrom([seg("UP", H, 0), seg("DOWN", 0, null)], NOW)).toEqual([
      { startedAt: NOW, endedAt: null, durationSeconds: 0, state: "DOWN", firstError: null },
    ]);
  });

  it("splits an outage at maintenance", () => {
    const incidents = incidentsFrom([seg("DOWN", 6 * H, 5 * H), seg("MAINTENANCE", 5 * H, 4 * H), seg("DOWN", 4 * H, 3 * H)], NOW);
    expect(incidents.map((i) => [i.startedAt, i.endedAt])).toEqual([
      [ago(6 * H), ago(5 * H)],
      [ago(4 * H), ago(3 * H)],
    ]);
  });

  it("starts an outage that follows PENDING at the DOWN transition", () => {
    const [incident] = incidentsFrom([seg("UP", 3 * H, 2 * H), seg("PENDING", 2 * H, 2 * H - 2 * M, "timeout"), seg("DOWN", 2 * H - 2 * M, H)], NOW);
    expect(incident).toMatchObject({ startedAt: ago(2 * H - 2 * M), durationSeconds: 58 * 60, firstError: null });
  });

  it("splits DEGRADED → PENDING → DOWN into a slow incident and a down one", () => {
    const incidents = incidentsFrom([seg("DEGRADED", 3 * H, 2 * H), seg("PENDING", 2 * H, 110 * M), seg("DOWN", 110 * M, H)], NOW);
    expect(incidents.map((i) => i.state)).toEqual(["DEGRADED", "DOWN"]);
  });

  it("splits at a gap with no data: an unobserved stretch is not claimed as an outage", () => {
    const incidents = incidentsFrom([seg("DOWN", 3 * H, 2 * H), seg("DOWN", 2 * H - 1, H)], NOW);
    expect(incidents).toHaveLength(2);
  });

  it("sorts the segments, and counts overlapping ones once", () => {
    const incidents = incidentsFrom([seg("UP", H, null), seg("DOWN", 2 * H, H), seg("DOWN", 3 * H, 90 * M)], NOW);
    expect(incidents).toEqual([{ startedAt: ago(3 * H), endedAt: ago(H), durationSeconds: 2 * 3600, state: "DOWN", firstError: null }]);
  });

  it("rounds the duration down to whole seconds", () => {
    const [incident] = incidentsFrom([seg("DOWN", 2 * M + 999, M)], NOW);
    expect(incident!.durationSeconds).toBe(60);
  });
});

describe("incidentsCsvRows", () => {
  it("writes a header and one row per incident, ISO in UTC and IST for reading", () => {
    const incidents = incidentsFrom(
      [
        // 21 June 2021, 11:00–15:00 IST: the second camp's outage.
        { state: "DOWN", from: new Date("2021-06-21T05:30:00Z"), to: new Date("2021-06-21T09:30:00Z"), error: "connect ETIMEDOUT" },
        { state: "DEGRADED", from: new Date("2021-06-23T05:45:30Z"), to: null, error: "=HYPERLINK(\"x\")" },
      ],
      NOW,
    );
    expect(incidentsCsvRows(incidents)).toEqual([
      [...INCIDENT_CSV_HEADER],
      ["2021-06-21T05:30:00.000Z", "2021-06-21T09:30:00.000Z", "21 Jun 2021, 11:00:00 IST", "21 Jun 2021, 15:00:00 IST", "14400", "DOWN", "connect ETIMEDOUT"],
      // Open: no end yet. The error stays raw here; the CSV writer neutralises formulas.
      ["2021-06-23T05:45:30.000Z", "", "23 Jun 2021, 11:15:30 IST", "ongoing", "2670", "DEGRADED", "=HYPERLINK(\"x\")"],
    ]);
  });

  it("is the header alone when there were no incidents", () => {
    expect(incidentsCsvRows([])).toEqual([["started_at", "ended_at", "started_ist", "ended_ist", "duration_seconds", "state", "first_error"]]);
  });
});
