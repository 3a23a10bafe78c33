/**
 * Where each register line stands at the anchor. Per unit, a few mega camp 1 lines were skipped (stragglers),
 * and the data room works through the rest page by page, in no particular order (nobody could see which pages
 * were closest to the 48-hour deadline: the problem the dashboard exists to fix).
 */
import "server-only";
import { type EntryQueue, lastWorkingInstant, scheduleEntries } from "@/server/seed/entry-schedule";
import { fakeMobile } from "@/server/seed/people";
import { MINUTE_MS } from "@/server/seed/ist-time";
import { type Rng, chance, pick, randBetween, randInt, randomDigits, sampleIndices, shuffle } from "@/server/seed/random";
import { REGISTER_PAGE_LINES, REJECTION_REASONS, REJECTION_SHARE, type UnitPlan } from "@/server/seed/scenario-plan";
import type { DemoRecord } from "@/server/seed/scenario-types";

export type UnitRegisters = {
  plan: UnitPlan;
  /** Each mega camp's camps of this unit, each camp's lines in serial order. */
  mc1Camps: DemoRecord[][];
  mc2Camps: DemoRecord[][];
  /** When each camp's register reached the data room (epoch ms), by camp index. */
  registerArrivesAt: Map<number, number>;
  /** Mega camp 1 lines that must be among the stragglers (story cases). */
  forcedStragglers: readonly DemoRecord[];
};

/**
 * A unit that "slows down at the end" (Pirpainti: operators who had worked until 3 a.m., on a portal that was
 * slow at peak hours) enters its last SLOW_TAIL_SHARE of lines at a SLOW_TAIL_EFFORT-times slower pace, so its
 * current entry rate is too low to clear the backlog before the deadline: the burn-down forecast's "at risk".
 */
const SLOW_TAIL_SHARE = 0.1;
const SLOW_TAIL_EFFORT = 4;

/** Decides every line's status as of `anchorMs`; entry times all fall before it. */
export function settleUnit(rng: Rng, unit: UnitRegisters, anchorMs: number, portalRefs: Set<string>): void {
  const stragglers = pickStragglers(rng, unit);
  const queue = [...pageOrder(rng, unit.mc1Camps).filter((line) => !stragglers.has(line)), ...pageOrder(rng, unit.mc2Camps)];
  const toEnter = queue.length - unit.plan.pendingMc2;
  const slowFrom = unit.plan.slowsDownAtEnd ? Math.floor(toEnter * (1 - SLOW_TAIL_SHARE)) : Infinity;
  const entryQueue: EntryQueue = {
    availableAt: queue.map((line) => arrivalOf(unit, line)),
    // Drawn for every line first, so that the story's other random choices stay as they were.
    effort: queue.map(() => randBetween(rng, 0.4, 1.6)).map((effort, i) => (i >= slowFrom ? effort * SLOW_TAIL_EFFORT : effort)),
    nightEndsMs: randInt(rng, 105, 195) * MINUTE_MS,
  };
  // Each data room last entered something a little before "now" (a tea break, a power cut), not all at once.
  const stoppedAt = lastWorkingInstant(anchorMs, entryQueue.nightEndsMs) - randInt(rng, 3 * MINUTE_MS, 40 * MINUTE_MS);
  const times = scheduleEntries(entryQueue, toEnter, stoppedAt);
  times.forEach((at, i) => resolveLine(rng, queue[i]!, at, portalRefs));
}

function pickStragglers(rng: Rng, unit: UnitRegisters): Set<DemoRecord> {
  const forced = new Set(unit.forcedStragglers);
  const candidates = unit.mc1Camps.flat().filter((line) => !forced.has(line));
  const extra = unit.plan.pendingMc1 - forced.size;
  if (extra < 0) throw new Error(`${unit.plan.name}: more story stragglers than planned pending lines`);
  for (const index of sampleIndices(rng, candidates.length, extra)) forced.add(candidates[index]!);
  return forced;
}

function pageOrder(rng: Rng, camps: DemoRecord[][]): DemoRecord[] {
  const pages: DemoRecord[][] = [];
  for (const lines of camps) {
    for (let start = 0; start < lines.length; start += REGISTER_PAGE_LINES) {
      pages.push(lines.slice(start, start + REGISTER_PAGE_LINES));
    }
  }
  return shuffle(rng, pages).flat();
}

function arrivalOf(unit: UnitRegisters, line: DemoRecord): number {
  const at = unit.registerArrivesAt.get(line.campIndex);
  if (at === undefined) throw new Error(`no register arrival time for camp ${line.campIndex}`);
  return at;
}

/** The portal either accepts the line or, rarely, refuses it for a reason a supervisor has to follow up. */
function resolveLine(rng: Rng, line: DemoRecord, atMs: number, portalRefs: Set<string>): void {
  if (chance(rng, REJECTION_SHARE)) rejectLine(rng, line, atMs);
  else markEntered(rng, line, atMs, portalRefs);
}

export function markEntered(rng: Rng, line: DemoRecord, atMs: number, portalRefs: Set<string>): void {
  line.status = "ENTERED";
  line.enteredAt = new Date(atMs);
  line.portalRef = uniquePortalRef(rng, portalRefs);
  line.updatedAt = line.enteredAt;
}

function rejectLine(rng: Rng, line: DemoRecord, atMs: number): void {
  const reason = pick(rng, REJECTION_REASONS);
  line.status = "REJECTED";
  line.rejectionReason = reason;
  line.updatedAt = new Date(atMs);
  if (reason === "Mobile number linked to 4 beneficiaries" && line.mobile === null) line.mobile = fakeMobile(rng);
}

function uniquePortalRef(rng: Rng, used: Set<string>): string {
  for (;;) {
    const ref = "CWN-" + randomDigits(rng, 10);
    if (!used.has(ref)) {
      used.add(ref);
      return ref;
    }
  }
}

/** The register line keyed in, then (if it got that far) its portal outcome. */
export function fillHistory(line: DemoRecord): void {
  line.history = [{ from: null, to: "PENDING", at: line.createdAt, note: null }];
  if (line.status !== "PENDING") {
    line.history.push({ from: "PENDING", to: line.status, at: line.updatedAt, note: line.rejectionReason });
  }
}
