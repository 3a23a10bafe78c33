import "server-only";
import type { DemoScenario } from "@/server/seed/scenario-types";
import { CAMP_OPENS_HOUR } from "@/server/seed/scenario-plan";
import { DAY_MS, istDate, istInstant } from "@/server/seed/ist-time";

/**
 * The demo story is told as it stood at 10:30 IST: mega camp 2's leftover lines are then 41–49 h old, so
 * some are overdue and many are due within 6 h. Seeding at any other hour builds the story at the last
 * 10:30 IST and moves it forward to "now", so the first screen looks the same whenever the app is installed.
 */
const STORY_HOUR_IST = 10.5;

export function storyAnchor(now: Date): Date {
  const today = istInstant(istDate(now), STORY_HOUR_IST);
  return new Date(today <= now.getTime() ? today : today - DAY_MS);
}

/** Every instant moves by `deltaMs`; a camp's date follows its opening hour. */
export function shiftScenario(scenario: DemoScenario, deltaMs: number): DemoScenario {
  const move = (d: Date) => new Date(d.getTime() + deltaMs);
  const moveDay = (day: Date) => istDate(new Date(istInstant(day, CAMP_OPENS_HOUR) + deltaMs));
  return {
    district: scenario.district,
    anchor: move(scenario.anchor),
    sites: scenario.sites,
    megaCamps: scenario.megaCamps.map((m) => ({ ...m, date: moveDay(m.date) })),
    camps: scenario.camps.map((c) => ({ ...c, date: moveDay(c.date) })),
    records: scenario.records.map((r) => ({
      ...r,
      vaccinatedAt: move(r.vaccinatedAt),
      enteredAt: r.enteredAt && move(r.enteredAt),
      createdAt: move(r.createdAt),
      updatedAt: move(r.updatedAt),
      history: r.history.map((h) => ({ ...h, at: move(h.at) })),
    })),
  };
}
