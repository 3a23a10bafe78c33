/**
 * The demo's probe story (issue 4) as plain data: seven days of checks of the "National portal" target at a
 * 60 s interval, told against the same clock as the vaccination records. Pure and deterministic.
 *
 * Story (IST, in the story frame where "now" is 10:30 on day D; mega camp 1 ran on D−7, camp 2 on D−2, both
 * 09:00–17:00):
 * - the portal is UP with 300–1200 ms answers most of the time;
 * - slow spells (DEGRADED: 3.2–9 s, sometimes the page without its keyword) inside the data-entry peaks
 *   10:00–13:00 and 16:00–18:00 on working days, longer and more frequent in the days after each camp;
 * - on camp-two day: slow 10:05–10:45, then DOWN from 11:00 to 15:00 (timeouts, HTTP 502, connection refused;
 *   the first two failures are PENDING retries), slow again 16:00–17:30;
 * - the night after camp two (19:00–03:00) the portal is fine: that is Pirpainti's network outage, seen only
 *   in the field reports (probe-field-plan.ts);
 * - UP at "now".
 * The story is built at the 10:30 anchor and moved by `now − anchor`, exactly like the records
 * (story-clock.ts), so the outage keeps overlapping camp two's records whenever the demo is seeded.
 * Each check's state comes from the live state machine (nextProbeState), and the segments from the same rule
 * the readers use (segmentsFromResults), so the history is what the scheduler itself would have written.
 */
import "server-only";
import { INITIAL_PROBE_MEMORY, type ProbeMemory, type ProbeState, nextProbeState } from "@/core/domain/probe-state";
import { segmentsFromResults } from "@/core/domain/uptime";
import { SIM_KEYWORD } from "@/scripts/lib/portal-simulator";
import { DAY_MS, HOUR_MS, MINUTE_MS, addDays, istDate, istInstant } from "@/server/seed/ist-time";
import { type Rng, chance, mulberry32, randInt } from "@/server/seed/random";
import { CAMP_CLOSES_HOUR, CAMP_OPENS_HOUR, MEGA_CAMP_PLANS } from "@/server/seed/scenario-plan";
import { storyAnchor } from "@/server/seed/story-clock";

const SEED = 0x21_06_1100;
export const PROBE_HISTORY_DAYS = 7;

/** The demo target's configuration; the URL is decided where it is stored (probe-history.ts). */
export const DEMO_PROBE_TARGET = {
  name: "National portal",
  method: "GET",
  expectedStatus: [200],
  keyword: SIM_KEYWORD,
  intervalSeconds: 60,
  timeoutMs: 10_000,
  slowMs: 3_000,
  retries: 2,
  enabled: true,
} as const;

export type Span = { from: Date; to: Date };

export type PlannedCheck = {
  checkedAt: Date;
  state: ProbeState;
  ok: boolean;
  slow: boolean;
  keywordMissing: boolean;
  statusCode: number | null;
  latencyMs: number | null;
  error: string | null;
};

/** A probe_segments row: startedAt = first check, lastSeenAt = last confirming check, endedAt = next start. */
export type PlannedSegment = { state: ProbeState; startedAt: Date; lastSeenAt: Date; endedAt: Date | null; firstError: string | null };

export type ProbeStory = {
  now: Date;
  /** now − the 10:30 IST story anchor: every instant of the story is moved by this much. */
  shiftMs: number;
  campOne: Span;
  campTwo: Span;
  /** From the first failing check's slot to the first answering one. */
  outage: Span;
  slowSpells: Span[];
  /** Pirpainti's network is down (the portal is not). */
  pirpaintiNight: Span;
};

export type ProbeHistoryPlan = { story: ProbeStory; checks: PlannedCheck[]; segments: PlannedSegment[]; memory: ProbeMemory };

const TIMEOUT = `timed out after ${DEMO_PROBE_TARGET.timeoutMs} ms`;
const BAD_GATEWAY = `HTTP 502 (expected ${DEMO_PROBE_TARGET.expectedStatus.join(", ")})`;
const REFUSED = "connection refused";
const PEAKS = [
  { from: 10, to: 13 },
  { from: 16, to: 18 },
] as const;

export function planProbeStory(now: Date): ProbeStory {
  const anchor = storyAnchor(now);
  const shiftMs = now.getTime() - anchor.getTime();
  const today = istDate(anchor);
  const at = (dayOffset: number, hour: number) => new Date(istInstant(addDays(today, dayOffset), hour) + shiftMs);
  const span = (dayOffset: number, fromHour: number, toHour: number): Span => ({ from: at(dayOffset, fromHour), to: at(dayOffset, toHour) });
  const [mc1, mc2] = MEGA_CAMP_PLANS.map((p) => -p.daysBeforeAnchor) as [number, number];
  const rng = mulberry32(SEED ^ 0x5a5a);
  const slowSpells: Span[] = [];
  for (let offset = -PROBE_HISTORY_DAYS; offset < 0; offset++) {
    if (offset === mc2) {
      slowSpells.push(span(offset, 10 + 5 / 60, 10.75), span(offset, 16, 17.5));
      continue;
    }
    const isCampDay = offset === mc1;
    if (addDays(today, offset).getUTCDay() === 0 && !isCampDay) continue; // Sunday: the data rooms are shut
    // "Slow for days": the entry rush after each camp.
    const rush = isCampDay || (offset > mc1 && offset <= mc1 + 2) || offset > mc2;
    for (const peak of PEAKS) {
      if (!chance(rng, rush ? 0.95 : 0.55)) continue;
      const minutes = rush ? randInt(rng, 35, 80) : randInt(rng, 15, 40);
      const startMin = randInt(rng, 0, (peak.to - peak.from) * 60 - minutes);
      slowSpells.push(span(offset, peak.from + startMin / 60, peak.from + (startMin + minutes) / 60));
    }
  }
  return {
    now,
    shiftMs,
    campOne: span(mc1, CAMP_OPENS_HOUR, CAMP_CLOSES_HOUR),
    campTwo: span(mc2, CAMP_OPENS_HOUR, CAMP_CLOSES_HOUR),
    outage: span(mc2, 11, 15),
    slowSpells,
    pirpaintiNight: span(mc2, 19, 27),
  };
}

export function planProbeHistory(now: Date): ProbeHistoryPlan {
  const story = planProbeStory(now);
  const rng = mulberry32(SEED);
  const intervalMs = DEMO_PROBE_TARGET.intervalSeconds * 1000;
  const checks: PlannedCheck[] = [];
  let memory: ProbeMemory = INITIAL_PROBE_MEMORY;
  const first = now.getTime() - PROBE_HISTORY_DAYS * DAY_MS;
  for (let slot = first; slot < now.getTime(); slot += intervalMs) {
    // The scheduler fires a little late, never early; the last slot is at least an interval before now.
    const checkedAt = new Date(slot + randInt(rng, 5, 900));
    const outcome = outcomeAt(rng, story, slot);
    const step = nextProbeState(memory, { ...outcome, checkedAt }, DEMO_PROBE_TARGET, false);
    memory = step.memory;
    checks.push({ checkedAt, state: step.state, ...outcome });
  }
  return { story, checks, segments: segmentRows(checks, intervalMs, now), memory };
}

type Outcome = Omit<PlannedCheck, "checkedAt" | "state">;

function outcomeAt(rng: Rng, story: ProbeStory, slot: number): Outcome {
  const { outage } = story;
  if (slot >= outage.from.getTime() && slot < outage.to.getTime()) return outageFailure(rng, slot - outage.from.getTime());
  if (story.slowSpells.some((s) => slot >= s.from.getTime() && slot < s.to.getTime())) {
    if (chance(rng, 0.12)) {
      // The overloaded portal's "please try later" page: 200, quick-ish, without the vaccinator page.
      return answered(randInt(rng, 1800, 4200), true);
    }
    return answered(randInt(rng, 3200, 9000), false);
  }
  if (chance(rng, 0.0004) && isQuiet(story, slot)) return failed(TIMEOUT, null);
  const r = rng();
  return answered(Math.round(300 + 900 * r * r), false);
}

/** 11:00–12:10 the gateway times out, then mostly answers 502, then a restart refuses connections. */
function outageFailure(rng: Rng, sinceStartMs: number): Outcome {
  const minute = sinceStartMs / MINUTE_MS;
  const timeout = () => failed(TIMEOUT, null);
  const badGateway = () => failed(BAD_GATEWAY, 502);
  if (minute < 1) return timeout();
  if (minute < 70) return chance(rng, 0.85) ? timeout() : badGateway();
  if (minute < 180) return chance(rng, 0.7) ? badGateway() : timeout();
  if (minute < 205) return failed(REFUSED, null);
  return chance(rng, 0.5) ? badGateway() : timeout();
}

/** Single failed checks (a PENDING blip) only well away from the story's events. */
function isQuiet(story: ProbeStory, slot: number): boolean {
  const margin = HOUR_MS;
  const spans = [story.outage, story.pirpaintiNight, ...story.slowSpells];
  const near = spans.some((s) => slot > s.from.getTime() - margin && slot < s.to.getTime() + margin);
  return !near && slot < story.now.getTime() - 2 * HOUR_MS;
}

function answered(latencyMs: number, keywordMissing: boolean): Outcome {
  return { ok: true, slow: latencyMs > DEMO_PROBE_TARGET.slowMs, keywordMissing, statusCode: 200, latencyMs, error: null };
}

/** Like the live store, a failed check keeps no latency: its duration is in the error ("timed out after …"). */
function failed(error: string, statusCode: number | null): Outcome {
  return { ok: false, slow: false, keywordMissing: false, statusCode, latencyMs: null, error };
}

/** The state timeline rows, derived with the readers' own rule so the two can never disagree. */
export function segmentRows(checks: readonly PlannedCheck[], intervalMs: number, now: Date): PlannedSegment[] {
  const segments = segmentsFromResults(checks, intervalMs, now);
  const times = checks.map((c) => c.checkedAt.getTime()).sort((a, b) => a - b);
  let i = 0;
  return segments.map((s) => {
    const end = (s.to ?? now).getTime();
    let lastSeen = s.from.getTime();
    while (i < times.length && times[i]! < end) lastSeen = Math.max(lastSeen, times[i++]!);
    if (s.to === null) while (i < times.length && times[i]! <= end) lastSeen = times[i++]!;
    return { state: s.state, startedAt: s.from, lastSeenAt: new Date(lastSeen), endedAt: s.to, firstError: s.error ?? null };
  });
}
