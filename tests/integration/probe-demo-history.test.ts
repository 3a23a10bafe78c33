import { describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { incidentsFrom } from "@/core/domain/incidents";
import { istDateKey } from "@/core/time/ist";
import { uptime } from "@/core/domain/uptime";
import { DEMO_PROBE_TARGET_KEY, ensureDemoProbeHistory } from "@/server/seed/probe-history";
import { planProbeStory } from "@/server/seed/probe-plan";
import { ensureDemoPlaces } from "@/server/seed/reference-data";
import { loadSegments } from "@/server/services/probes/probe-segments";
import { callerFor, testDb } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";

const H = 3_600_000;
const DAY = 24 * H;

class Rollback extends Error {}

async function demoTarget(db: Db) {
  const setting = await db.appSetting.findUniqueOrThrow({ where: { key: DEMO_PROBE_TARGET_KEY } });
  return db.probeTarget.findUniqueOrThrow({ where: { id: Number(setting.value) } });
}

/** The facts the demo promises, at `now`; camp two's records are read from the same database. */
async function expectDemoStory(db: Db, now: Date) {
  const target = await demoTarget(db);
  expect(target).toMatchObject({ name: "National portal", intervalSeconds: 60, retries: 2, state: "UP", consecutiveFailures: 0, outageStartedAt: null });
  expect(target.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

  const span = await db.probeResult.aggregate({ where: { targetId: target.id }, _count: true, _min: { checkedAt: true }, _max: { checkedAt: true } });
  expect(span._count).toBe(7 * 24 * 60);
  expect(span._min.checkedAt!.getTime()).toBeGreaterThanOrEqual(now.getTime() - 7 * DAY);
  expect(now.getTime() - span._max.checkedAt!.getTime()).toBeLessThan(60_000);
  expect(target.lastCheckedAt).toEqual(span._max.checkedAt);

  const week = { from: new Date(now.getTime() - 7 * DAY), to: now };
  const segments = await loadSegments(db, target.id, week, now);
  const downs = incidentsFrom(segments, now).filter((i) => i.state === "DOWN");
  expect(downs).toHaveLength(1);
  const down = downs[0]!;
  expect(down.durationSeconds).toBeGreaterThan(3.5 * 3600);
  expect(down.durationSeconds).toBeLessThan(4.5 * 3600);
  const campTwo = await db.megaCamp.findFirstOrThrow({ where: { name: "Mega camp 2", district: { name: "Bhagalpur" } } });
  expect(istDateKey(down.startedAt)).toBe(campTwo.date.toISOString().slice(0, 10));
  const records = await db.vaccinationRecord.aggregate({ where: { camp: { megaCampId: campTwo.id } }, _min: { vaccinatedAt: true }, _max: { vaccinatedAt: true } });
  expect(down.startedAt > records._min.vaccinatedAt! && down.endedAt! < records._max.vaccinatedAt!).toBe(true);

  const figures = uptime(segments, week, now);
  expect(figures.upPercent).toBeGreaterThan(95);
  expect(figures.upPercent).toBeLessThan(99);

  const rollups = await db.probeRollup.groupBy({ by: ["grain"], where: { targetId: target.id }, _count: true, _sum: { checks: true } });
  const byGrain = new Map(rollups.map((r) => [r.grain, r]));
  for (const grain of ["MINUTE", "HOUR", "DAY"] as const) expect(byGrain.get(grain)?._sum.checks, grain).toBe(span._count);
  expect(byGrain.get("HOUR")!._count).toBeGreaterThanOrEqual(168);

  const alerts = await db.alert.findMany({ where: { targetId: target.id }, orderBy: { createdAt: "asc" } });
  const key = `probe:${target.id}:${down.startedAt.toISOString()}`;
  expect(alerts.map((a) => [a.kind, a.dedupeKey, a.webhookStatus])).toEqual([
    ["PROBE_DOWN", `${key}:down`, "NONE"],
    ["PROBE_RECOVERED", `${key}:recovered`, "NONE"],
  ]);
  expect(alerts[1]!.createdAt).toEqual(down.endedAt);
  expect(alerts[1]!.payload).toMatchObject({ type: "probe.recovered", at: down.endedAt!.toISOString(), incident: { durationSeconds: down.durationSeconds, firstError: down.firstError } });

  const night = planProbeStory(now).pirpaintiNight;
  const units = await db.$queryRaw<{ block: string; reports: number; night_fails: number; night_reports: number }[]>`
    SELECT b.name AS block, count(*)::int AS reports,
           count(*) FILTER (WHERE NOT f.ok AND f.checked_at >= ${night.from} AND f.checked_at < ${night.to})::int AS night_fails,
           count(*) FILTER (WHERE f.checked_at >= ${night.from} AND f.checked_at < ${night.to})::int AS night_reports
    FROM field_probe_reports f JOIN blocks b ON b.id = f.block_id WHERE f.target_id = ${target.id} GROUP BY b.name`;
  expect(units).toHaveLength(17);
  for (const u of units) {
    expect(u.reports, u.block).toBeGreaterThan(300);
    if (u.block === "Pirpainti") expect(u.night_fails).toBe(u.night_reports);
    else expect(u.night_fails, u.block).toBeLessThanOrEqual(1);
  }
  expect(units.find((u) => u.block === "Pirpainti")!.night_fails).toBeGreaterThan(40);
  const centralAtNight = await db.probeResult.count({ where: { targetId: target.id, checkedAt: { gte: night.from, lt: night.to }, state: { not: "UP" } } });
  expect(centralAtNight).toBe(0);
}

describe("demo probe history", () => {
  it("tells the story at TEST_NOW: seven days, one ~4 h outage on camp-two day, Pirpainti's night", async () => {
    await expectDemoStory(testDb(), TEST_NOW);
  });

  it("lets the field-reach view tell Pirpainti's night from the portal outage", async () => {
    const dio = await callerFor("dio");
    const { id } = await demoTarget(testDb());
    const story = planProbeStory(TEST_NOW);
    const verdicts = async (to: Date) =>
      Object.fromEntries((await dio.probes.getFieldReach({ minutes: 60, to, targetId: id })).blocks.map((b) => [b.block, b.verdict]));
    const night = await verdicts(new Date(story.pirpaintiNight.from.getTime() + 4 * H));
    expect(night.Pirpainti).toBe("BLOCK_NETWORK");
    expect(Object.entries(night).filter(([, v]) => v !== "OK")).toEqual([["Pirpainti", "BLOCK_NETWORK"]]);
    const outage = await verdicts(new Date(story.outage.from.getTime() + 2 * H));
    expect(new Set(Object.values(outage))).toEqual(new Set(["PORTAL_DOWN"]));
  });

  it("is written again, whole days later, when the story moves forward — live checks of the old run dropped", async () => {
    const later = new Date(TEST_NOW.getTime() + 3 * DAY);
    await expect(
      testDb().$transaction(
        async (tx) => {
          const db = tx as unknown as Db;
          const target = await demoTarget(db);
          // What the live scheduler would have added after the seed.
          await tx.probeResult.create({ data: { targetId: target.id, checkedAt: new Date(TEST_NOW.getTime() + H), state: "UP", ok: true, latencyMs: 5 } });
          // keepCurrent moves the camps and records; here only camp two's are needed.
          await tx.$executeRaw`UPDATE mega_camps SET date = date + 3`;
          await tx.$executeRaw`UPDATE vaccination_records r SET vaccinated_at = vaccinated_at + interval '3 days'
            FROM camps c JOIN mega_camps m ON m.id = c.mega_camp_id WHERE c.id = r.camp_id AND m.name = 'Mega camp 2'`;
          const home = (await ensureDemoPlaces(tx, later)).districts.get("Bhagalpur")!;
          expect(await ensureDemoProbeHistory(tx, { now: later, ...home, regenerate: true })).toBe("written");
          expect((await demoTarget(db)).id).toBe(target.id);
          await expectDemoStory(db, later);
          expect(await ensureDemoProbeHistory(tx, { now: later, ...home, regenerate: false })).toBe("kept");
          throw new Rollback();
        },
        { timeout: 60_000 },
      ),
    ).rejects.toBeInstanceOf(Rollback);
  });

  it("leaves a demo target the district officer deleted deleted", async () => {
    await expect(
      testDb().$transaction(
        async (tx) => {
          await tx.probeTarget.delete({ where: { id: (await demoTarget(tx as unknown as Db)).id } });
          const home = (await ensureDemoPlaces(tx, TEST_NOW)).districts.get("Bhagalpur")!;
          expect(await ensureDemoProbeHistory(tx, { now: TEST_NOW, ...home, regenerate: true })).toBe("deleted-by-user");
          expect(await tx.probeTarget.count({ where: { name: "National portal" } })).toBe(0);
          throw new Rollback();
        },
        { timeout: 30_000 },
      ),
    ).rejects.toBeInstanceOf(Rollback);
  });
});
