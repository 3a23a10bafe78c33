/**
 * Field reports of the demo (issue 4): "can this block HQ reach the portal?" from each unit's devices over the
 * same seven days as the central probe. Pure and deterministic.
 *
 * - Every unit reports every 10–15 min from 08:00 to 22:00 IST and every 40–90 min at night (a script left
 *   running); answers take 400–2000 ms, 3.5–9.5 s inside the portal's slow spells.
 * - During the portal outage every unit fails: it is the portal.
 * - The night after camp two (19:00–03:00) Pirpainti's link is down while the portal and every other unit are
 *   fine: its script keeps trying every 5–10 min, queues the failures ("network unreachable", timeouts) and
 *   sends them as one batch when the link returns (checkedAt = device time, receivedAt = after 03:00).
 */
import "server-only";
import { HOUR_MS, MINUTE_MS, istTimeOfDayMs } from "@/server/seed/ist-time";
import type { ProbeStory, Span } from "@/server/seed/probe-plan";
import { DEMO_PROBE_TARGET, PROBE_HISTORY_DAYS } from "@/server/seed/probe-plan";
import { type Rng, chance, mulberry32, randInt } from "@/server/seed/random";
import { UNIT_PLANS, type UnitName } from "@/server/seed/scenario-plan";

const SEED = 0x19_00_0300;
const PIRPAINTI: UnitName = "Pirpainti";

export type FieldSource = "BROWSER" | "SCRIPT";

export type PlannedFieldReport = {
  unit: UnitName;
  /** Demo username of the reporting account, when the unit has one. */
  reporter: string | null;
  checkedAt: Date;
  receivedAt: Date;
  ok: boolean;
  latencyMs: number | null;
  error: string | null;
  source: FieldSource;
};

const TIMEOUT = `timed out after ${DEMO_PROBE_TARGET.timeoutMs} ms`;
const UNREACHABLE = "network unreachable";

export function planFieldReports(story: ProbeStory): PlannedFieldReport[] {
  const reports: PlannedFieldReport[] = [];
  UNIT_PLANS.forEach((plan, index) => {
    const rng = mulberry32(SEED + index * 7919);
    const scriptFirst = index % 2 === 0;
    const end = story.now.getTime();
    let t = end - PROBE_HISTORY_DAYS * 24 * HOUR_MS + randInt(rng, 0, 10 * MINUTE_MS);
    // Stops short of now, so that no report was received in the future (device time + latency + upload).
    while (t < end - 20_000) {
      reports.push(report(rng, story, plan.name, scriptFirst, t));
      t += nextGapMs(rng, story, plan.name, t);
    }
  });
  return reports.sort((a, b) => a.checkedAt.getTime() - b.checkedAt.getTime());
}

const inside = (span: Span, t: number) => t >= span.from.getTime() && t < span.to.getTime();

/** Working hours in the story's clock (the story is moved by shiftMs, like the camps). */
function isWorkingHours(story: ProbeStory, t: number): boolean {
  const hour = istTimeOfDayMs(t - story.shiftMs) / HOUR_MS;
  return hour >= 8 && hour < 22;
}

function nextGapMs(rng: Rng, story: ProbeStory, unit: UnitName, t: number): number {
  if (unit === PIRPAINTI && inside(story.pirpaintiNight, t)) return randInt(rng, 5 * MINUTE_MS, 10 * MINUTE_MS);
  if (isWorkingHours(story, t)) return randInt(rng, 10 * MINUTE_MS, 15 * MINUTE_MS);
  return randInt(rng, 40 * MINUTE_MS, 90 * MINUTE_MS);
}

function report(rng: Rng, story: ProbeStory, unit: UnitName, scriptFirst: boolean, t: number): PlannedFieldReport {
  const checkedAt = new Date(t);
  const working = isWorkingHours(story, t);
  // Browsers report only while someone has the app open; at night only a script is running.
  const source: FieldSource = !working || chance(rng, 0.8) === scriptFirst ? "SCRIPT" : "BROWSER";
  const base = { unit, reporter: reporterOf(rng, unit, source), checkedAt, source };
  const sent = (tookMs: number) => new Date(t + tookMs + randInt(rng, 150, 1500));
  if (unit === PIRPAINTI && inside(story.pirpaintiNight, t)) {
    const unreachable = chance(rng, 0.65);
    // The queued batch goes out a minute or two after the link returns.
    const receivedAt = new Date(story.pirpaintiNight.to.getTime() + randInt(rng, 90_000, 150_000));
    return { ...base, source: "SCRIPT", reporter: reporterOf(rng, unit, "SCRIPT"), receivedAt, ok: false, latencyMs: null, error: unreachable ? UNREACHABLE : TIMEOUT };
  }
  if (inside(story.outage, t)) {
    const timeout = chance(rng, 0.6);
    const tookMs = timeout ? DEMO_PROBE_TARGET.timeoutMs : randInt(rng, 300, 1500);
    return { ...base, receivedAt: sent(tookMs), ok: false, latencyMs: null, error: timeout ? TIMEOUT : "HTTP 502 (expected 200)" };
  }
  if (chance(rng, 0.004)) {
    return { ...base, receivedAt: sent(DEMO_PROBE_TARGET.timeoutMs), ok: false, latencyMs: null, error: TIMEOUT };
  }
  const slow = story.slowSpells.some((s) => inside(s, t));
  const latencyMs = slow ? randInt(rng, 3500, 9500) : randInt(rng, 400, 2000);
  return { ...base, receivedAt: sent(latencyMs), ok: true, latencyMs, error: null };
}

function reporterOf(rng: Rng, unit: UnitName, source: FieldSource): string | null {
  if (unit === PIRPAINTI) return source === "BROWSER" && chance(rng, 0.2) ? "sup.pirpainti" : "op.pirpainti";
  if (unit === "Sultanganj") return "sup.sultanganj";
  return null;
}

export const FIELD_REPORTERS = ["op.pirpainti", "sup.pirpainti", "sup.sultanganj"] as const;
