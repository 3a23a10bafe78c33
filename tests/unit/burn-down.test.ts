import { describe, expect, it } from "vitest";
import { forecastBurnDown, isAtRisk } from "@/core/domain/burn-down";

const H = 3_600_000;
const ist = (local: string) => new Date(`${local}+05:30`);
// Tuesday 22 June 2021, 12:00 IST: the day after the second mega camp.
const now = ist("2021-06-22T12:00:00");
const hoursAgo = (h: number) => new Date(now.getTime() - h * H);
const times = (n: number, fromHoursAgo: number, toHoursAgo: number) =>
  Array.from({ length: n }, (_, i) => hoursAgo(fromHoursAgo - ((fromHoursAgo - toHoursAgo) * (i + 0.5)) / n));

describe("burn-down forecast", () => {
  it("reports CLEAR when nothing is pending", () => {
    const f = forecastBurnDown({ pendingVaccinatedAt: [], recentEntryTimes: times(30, 3, 0), everEntered: true, now });
    expect(f.status).toBe("CLEAR");
    expect(f.ratePerHour).toBe(10);
    expect(f.clearsAt).toBeNull();
    expect(isAtRisk(f)).toBe(false);
  });

  it("has NO_RATE (not zero) when the block has never entered anything", () => {
    const f = forecastBurnDown({ pendingVaccinatedAt: [hoursAgo(20), hoursAgo(10)], recentEntryTimes: [], everEntered: false, now });
    expect(f.status).toBe("NO_RATE");
    expect(f.ratePerHour).toBeNull();
    expect(f.clearsAt).toBeNull();
    expect(f.willCrossDeadline).toBe(2);
    expect(f.firstMissAt).toEqual(new Date(hoursAgo(20).getTime() + 48 * H));
  });

  it("is STALLED with rate 0 when entries were made before but none in the last 3 working hours", () => {
    const f = forecastBurnDown({ pendingVaccinatedAt: [hoursAgo(5)], recentEntryTimes: [hoursAgo(4)], everEntered: true, now });
    expect(f.status).toBe("STALLED");
    expect(f.ratePerHour).toBe(0);
    expect(f.entriesInWindow).toBe(0);
    expect(f.willCrossDeadline).toBe(1);
    expect(isAtRisk(f)).toBe(true);
  });

  it("counts an already-overdue backlog apart, and it delays the rest", () => {
    // 10 overdue, 10 with 1 h left; 6 entries in 3 h → 2/h, so the on-time ones wait 5 h behind the overdue ones.
    const pending = [...Array(10).fill(hoursAgo(50)), ...Array(10).fill(hoursAgo(47))] as Date[];
    const f = forecastBurnDown({ pendingVaccinatedAt: pending, recentEntryTimes: times(6, 3, 0), everEntered: true, now });
    expect(f.alreadyOverdue).toBe(10);
    expect(f.willCrossDeadline).toBe(10);
    expect(f.status).toBe("AT_RISK");
    expect(f.clearsAt).toEqual(ist("2021-06-22T22:00:00"));
  });

  it("with only overdue entries left, nothing more will cross (they already have)", () => {
    const f = forecastBurnDown({ pendingVaccinatedAt: [hoursAgo(60), hoursAgo(49)], recentEntryTimes: times(3, 3, 0), everEntered: true, now });
    expect(f.alreadyOverdue).toBe(2);
    expect(f.willCrossDeadline).toBe(0);
    expect(f.status).toBe("ON_TRACK");
  });

  it("is ON_TRACK when every on-time entry gets its turn before its deadline", () => {
    // 30 entries in 3 h → 10/h; 20 pending from 2 h ago clear in 2 h.
    const f = forecastBurnDown({ pendingVaccinatedAt: Array(20).fill(hoursAgo(2)) as Date[], recentEntryTimes: times(30, 3, 0), everEntered: true, now });
    expect(f.ratePerHour).toBe(10);
    expect(f.status).toBe("ON_TRACK");
    expect(f.clearsAt).toEqual(ist("2021-06-22T14:00:00"));
  });

  it("puts the deadline edge exactly: the entry keyed in at 48:00 misses, at 47:59 it does not", () => {
    // Rate 1/h; the single pending entry is 46 h old: its turn is in 1 h (at 47 h) → on time.
    const onTime = forecastBurnDown({ pendingVaccinatedAt: [hoursAgo(46)], recentEntryTimes: times(3, 3, 0), everEntered: true, now });
    expect(onTime.willCrossDeadline).toBe(0);
    // 47 h old: its turn comes at exactly 48:00 → overdue from 48:00:00.000 → a miss.
    const edge = forecastBurnDown({ pendingVaccinatedAt: [hoursAgo(47)], recentEntryTimes: times(3, 3, 0), everEntered: true, now });
    expect(edge.willCrossDeadline).toBe(1);
  });

  it("measures the rate over working hours only: a 3 a.m. push is outside the morning's window", () => {
    const morning = ist("2021-06-22T09:00:00");
    const nightPush = Array.from({ length: 50 }, (_, i) => new Date(ist("2021-06-22T02:00:00").getTime() + i * 60_000));
    const lateEvening = [ist("2021-06-21T20:30:00"), ist("2021-06-21T21:30:00")];
    const f = forecastBurnDown({ pendingVaccinatedAt: [ist("2021-06-21T11:00:00")], recentEntryTimes: [...nightPush, ...lateEvening], everEntered: true, now: morning });
    expect(f.rateWindow.from).toEqual(ist("2021-06-21T20:00:00"));
    expect(f.entriesInWindow).toBe(2);
  });

  it("does not depend on the order of its input", () => {
    const pending = [hoursAgo(10), hoursAgo(40), hoursAgo(30)];
    const a = forecastBurnDown({ pendingVaccinatedAt: pending, recentEntryTimes: times(3, 3, 0), everEntered: true, now });
    const b = forecastBurnDown({ pendingVaccinatedAt: [...pending].reverse(), recentEntryTimes: times(3, 3, 0), everEntered: true, now });
    expect(a).toEqual(b);
  });
});
