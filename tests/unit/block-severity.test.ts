import { describe, expect, it } from "vitest";
import { rankBySeverity, severityTierOf } from "@/core/domain/block-severity";

const block = (name: string, o: Partial<{ alreadyOverdue: number; willCrossDeadline: number; dueWithin6h: number; firstMissAt: Date | null }> = {}) => ({
  block: name,
  alreadyOverdue: 0,
  willCrossDeadline: 0,
  dueWithin6h: 0,
  firstMissAt: null,
  ...o,
});

describe("block severity", () => {
  it("puts a block in the worst tier it meets, at the edge of one entry", () => {
    expect(severityTierOf(block("a", { alreadyOverdue: 1, willCrossDeadline: 50 }))).toBe("OVERDUE");
    expect(severityTierOf(block("a", { alreadyOverdue: 0, willCrossDeadline: 1, dueWithin6h: 9 }))).toBe("WILL_MISS");
    expect(severityTierOf(block("a", { dueWithin6h: 1 }))).toBe("TIGHT");
    expect(severityTierOf(block("a"))).toBe("ON_TRACK");
  });

  it("ranks tiers first, then the tier's count, then the earlier first miss, then the name", () => {
    const t0 = new Date("2026-12-02T10:00:00Z");
    const t1 = new Date("2026-12-02T11:00:00Z");
    const ranked = rankBySeverity([
      block("Tight", { dueWithin6h: 40 }),
      block("Late few", { alreadyOverdue: 2, willCrossDeadline: 300 }),
      block("Miss later", { willCrossDeadline: 10, firstMissAt: t1 }),
      block("Late many", { alreadyOverdue: 60 }),
      block("Miss sooner", { willCrossDeadline: 10, firstMissAt: t0 }),
      block("Fine"),
      block("Also late few", { alreadyOverdue: 2 }),
    ]);
    expect(ranked.map((b) => b.block)).toEqual(["Late many", "Also late few", "Late few", "Miss sooner", "Miss later", "Tight", "Fine"]);
    expect(ranked.map((b) => b.tier)).toEqual(["OVERDUE", "OVERDUE", "OVERDUE", "WILL_MISS", "WILL_MISS", "TIGHT", "ON_TRACK"]);
  });
});
