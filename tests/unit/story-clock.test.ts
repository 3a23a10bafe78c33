import { beforeAll, describe, expect, it } from "vitest";
import { isDueWithin6h, isOverdue } from "@/core/domain/aging";
import { istDateKey } from "@/core/time/ist";
import { buildDemoScenario } from "@/server/seed/demo-scenario";
import type { DemoScenario } from "@/server/seed/scenario-types";
import { shiftScenario, storyAnchor } from "@/server/seed/story-clock";

describe("storyAnchor", () => {
  it("is the latest 10:30 IST at or before now", () => {
    expect(storyAnchor(new Date("2026-11-26T05:00:00Z")).toISOString()).toBe("2026-11-26T05:00:00.000Z");
    expect(storyAnchor(new Date("2026-11-26T10:39:00Z")).toISOString()).toBe("2026-11-26T05:00:00.000Z");
    expect(storyAnchor(new Date("2026-11-26T04:59:59Z")).toISOString()).toBe("2026-11-25T05:00:00.000Z");
    // 01:00 IST on the 27th is still before that day's story hour.
    expect(storyAnchor(new Date("2026-11-26T19:30:00Z")).toISOString()).toBe("2026-11-26T05:00:00.000Z");
  });
});

describe("shiftScenario", () => {
  const anchor = new Date("2026-11-26T05:00:00Z");
  const delta = 8 * 3_600_000; // seeded at 18:30 IST
  let story: DemoScenario;
  let shifted: DemoScenario;
  beforeAll(() => {
    story = buildDemoScenario(anchor, (id) => `h${id}`);
    shifted = shiftScenario(story, delta);
  }, 20_000);

  it("keeps every record's overdue / due-soon state: the evening screen tells the morning's story", () => {
    const now = new Date(anchor.getTime() + delta);
    const state = (s: DemoScenario, at: Date) =>
      s.records.filter((r) => r.status === "PENDING").map((r) => `${isOverdue(r.vaccinatedAt, at)}${isDueWithin6h(r.vaccinatedAt, at)}`).join();
    expect(state(shifted, now)).toBe(state(story, anchor));
    expect(shifted.anchor).toEqual(now);
    expect(shifted.records.every((r, i) => r.vaccinatedAt.getTime() - story.records[i]!.vaccinatedAt.getTime() === delta)).toBe(true);
  });

  it("moves a camp's date with its opening hour (09:00 + 8 h is still the same IST day)", () => {
    expect(shifted.camps.map((c) => c.date)).toEqual(story.camps.map((c) => c.date));
    const late = shiftScenario(story, 16 * 3_600_000);
    const first = late.camps[0]!;
    expect(istDateKey(first.date)).not.toBe(istDateKey(story.camps[0]!.date));
  });
});
