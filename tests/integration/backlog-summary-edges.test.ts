/**
 * The backlog summary's aging at its exact edges, on a block of this file's own. getBacklogSummary adds up whole
 * hours from `pending_hour_counts` and counts record by record only in the hours a cut-off falls in, so every
 * edge is tried on both paths: a record exactly on a cut-off, 1 ms either side of it, at the very start of an
 * edge hour, and at the very start (and end) of a fully rolled-up hour. `NOW` falls mid-hour on an odd
 * millisecond, so that no cut-off coincides with an hour boundary.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GET as getBacklog } from "@/app/api/v1/backlog/route";
import { AGE_BUCKETS, ageBucket, emptyBucketCounts, isDueWithin6h, isOverdue, type AgeBucket } from "@/core/domain/aging";
import { createApiToken } from "@/server/auth/api-tokens";
import { getBacklogSummary, type BacklogFigures } from "@/server/services/backlog/backlog-summary";
import { callerFor, loadUser, testDb, districtScope } from "@/tests/helpers/callers";
import { withTestRuntime } from "@/tests/helpers/rest";
import { TEST_NOW } from "@/tests/helpers/test-clock";

const MS = 1;
const MIN = 60_000;
const H = 3_600_000;
/** 12:12:34.567 IST on the story's day: 06:42:34.567 UTC, mid-hour (the rollup's hours are UTC hours). */
const NOW = new Date(TEST_NOW.getTime() + 12 * MIN + 34_567 * MS);
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const BLOCK = "Edge Test Block";
const TOKEN = "backlog edges test";

type Row = { what: string; vaccinatedAt: Date; bucket: AgeBucket; dueSoon: boolean };

/** Every pending record of the block, with the bucket it must land in at NOW (written out, not computed). */
const PENDING: Row[] = [
  // The overdue cut-off (NOW − 48 h = 06:42:34.567 UTC on 21 June) and its edge hour, 06:00–07:00.
  { what: "exactly 48:00:00.000 old", vaccinatedAt: ago(48 * H), bucket: "overdue", dueSoon: false },
  { what: "47:59:59.999 old", vaccinatedAt: ago(48 * H - MS), bucket: "h36_48", dueSoon: true },
  { what: "48:00:00.001 old", vaccinatedAt: ago(48 * H + MS), bucket: "overdue", dueSoon: false },
  { what: "at the start of the 48 h edge hour", vaccinatedAt: new Date("2021-06-21T06:00:00.000Z"), bucket: "overdue", dueSoon: false },
  { what: "at the end of the 48 h edge hour", vaccinatedAt: new Date("2021-06-21T06:59:59.999Z"), bucket: "h36_48", dueSoon: true },
  // The hour after it is rolled up whole: its first instant must be counted once, from the rollup.
  { what: "at the start of the rolled-up hour after the 48 h edge", vaccinatedAt: new Date("2021-06-21T07:00:00.000Z"), bucket: "h36_48", dueSoon: true },
  // Due within 6 h: not overdue and at most 6 h left, so exactly 42 h old is due soon, 41:59:59.999 is not.
  { what: "exactly 42:00:00.000 old (6 h left)", vaccinatedAt: ago(42 * H), bucket: "h36_48", dueSoon: true },
  { what: "41:59:59.999 old (6 h 1 ms left)", vaccinatedAt: ago(42 * H - MS), bucket: "h36_48", dueSoon: false },
  { what: "42:00:00.001 old", vaccinatedAt: ago(42 * H + MS), bucket: "h36_48", dueSoon: true },
  // The other bucket edges: the lower bound of each bucket is inclusive.
  { what: "exactly 36 h old", vaccinatedAt: ago(36 * H), bucket: "h36_48", dueSoon: false },
  { what: "35:59:59.999 old", vaccinatedAt: ago(36 * H - MS), bucket: "h24_36", dueSoon: false },
  { what: "exactly 24 h old", vaccinatedAt: ago(24 * H), bucket: "h24_36", dueSoon: false },
  { what: "23:59:59.999 old", vaccinatedAt: ago(24 * H - MS), bucket: "h12_24", dueSoon: false },
  { what: "exactly 12 h old", vaccinatedAt: ago(12 * H), bucket: "h12_24", dueSoon: false },
  { what: "11:59:59.999 old", vaccinatedAt: ago(12 * H - MS), bucket: "h0_12", dueSoon: false },
  // Fully rolled-up hours (no cut-off falls in them), several records each, first and last instant included.
  { what: "rolled-up overdue hour, first instant", vaccinatedAt: new Date("2021-06-21T03:00:00.000Z"), bucket: "overdue", dueSoon: false },
  { what: "rolled-up overdue hour, middle", vaccinatedAt: new Date("2021-06-21T03:31:00.000Z"), bucket: "overdue", dueSoon: false },
  { what: "rolled-up overdue hour, last instant", vaccinatedAt: new Date("2021-06-21T03:59:59.999Z"), bucket: "overdue", dueSoon: false },
  { what: "rolled-up 24–36 h hour", vaccinatedAt: new Date("2021-06-22T00:10:00.000Z"), bucket: "h24_36", dueSoon: false },
  { what: "rolled-up 24–36 h hour, again", vaccinatedAt: new Date("2021-06-22T00:50:00.000Z"), bucket: "h24_36", dueSoon: false },
  { what: "rolled-up 0–12 h hour", vaccinatedAt: new Date("2021-06-23T02:59:59.999Z"), bucket: "h0_12", dueSoon: false },
  // A clock-skewed entry from the future is age 0.
  { what: "1 ms in the future", vaccinatedAt: new Date(NOW.getTime() + MS), bucket: "h0_12", dueSoon: false },
];

/** The figures every transport must show for the block at NOW. */
const EXPECTED = (() => {
  const ageBuckets = emptyBucketCounts();
  for (const r of PENDING) ageBuckets[r.bucket] += 1;
  const pending = PENDING.length;
  return { vaccinated: pending + 2, entered: 1, pending, rejected: 1, overdue: ageBuckets.overdue, dueWithin6h: PENDING.filter((r) => r.dueSoon).length, ageBuckets };
})();

let blockId = 0;
let token = "";

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  const db = testDb();
  const district = await db.district.findFirstOrThrow({ where: { name: "Bhagalpur" } });
  const block = await db.block.create({ data: { districtId: district.id, name: BLOCK, nameHi: "किनारा परीक्षण ब्लॉक" } });
  blockId = block.id;
  const districtId = district.id;
  const site = await db.site.create({ data: { districtId, blockId, name: "Edge Test PHC" } });
  const camp = await db.camp.create({ data: { districtId, siteId: site.id, date: new Date("2021-06-21") } });
  const person = (serial: string, vaccinatedAt: Date) => ({
    districtId, blockId, campId: camp.id, registerSerial: serial, vaccinatedAt, dose: 1, vaccine: "COVISHIELD" as const, beneficiaryName: "Edge Test Person",
    birthYear: 1980, sex: "FEMALE" as const, idType: "OTHER" as const, idLast4: "0000", idHash: `edge-test-${serial}`,
  });
  await db.vaccinationRecord.createMany({ data: PENDING.map((r, i) => person(`EDGE-${i}`, r.vaccinatedAt)) });
  // Records no longer pending count in their status but never in the aging, however old.
  await db.vaccinationRecord.create({ data: { ...person("EDGE-ENTERED", ago(48 * H)), status: "ENTERED", enteredAt: ago(H), portalRef: "CWN-EDGE-1" } });
  await db.vaccinationRecord.create({ data: { ...person("EDGE-REJECTED", ago(48 * H)), status: "REJECTED", rejectionReason: "duplicate" } });
  token = (await createApiToken(db, (await loadUser("dio")).id, TOKEN)).token;
});

afterAll(async () => {
  const db = testDb();
  await db.apiToken.deleteMany({ where: { name: TOKEN } });
  if (!blockId) return;
  await db.vaccinationRecord.deleteMany({ where: { blockId } });
  await db.pendingHourCount.deleteMany({ where: { blockId } });
  await db.blockStatusCount.deleteMany({ where: { blockId } });
  await db.camp.deleteMany({ where: { site: { blockId } } });
  await db.site.deleteMany({ where: { blockId } });
  await db.block.delete({ where: { id: blockId } });
});

const figuresOf = (f: BacklogFigures) => ({ vaccinated: f.vaccinated, entered: f.entered, pending: f.pending, rejected: f.rejected, overdue: f.overdue, dueWithin6h: f.dueWithin6h, ageBuckets: f.ageBuckets });

describe("backlog summary at its exact edges", () => {
  it("the written-out expectations are the pure aging rule's", () => {
    for (const r of PENDING) {
      expect(ageBucket(r.vaccinatedAt, NOW), r.what).toBe(r.bucket);
      expect(isDueWithin6h(r.vaccinatedAt, NOW), r.what).toBe(r.dueSoon);
      expect(isOverdue(r.vaccinatedAt, NOW), r.what).toBe(r.bucket === "overdue");
    }
    // Every bucket is exercised, with more than one record, so a record moved across any edge changes a figure.
    for (const bucket of AGE_BUCKETS) expect(EXPECTED.ageBuckets[bucket], bucket).toBeGreaterThanOrEqual(2);
  });

  it("exercises both paths: records in edge hours and in hours that are rolled up whole", async () => {
    const cuts = [48, 42, 36, 24, 12].map((h) => ago(h * H));
    const hourOf = (d: Date) => Math.floor(d.getTime() / H) * H;
    const edgeHours = new Set(cuts.map(hourOf));
    expect(cuts.every((c) => c.getTime() % H !== 0)).toBe(true); // no cut-off on an hour boundary
    const inEdge = PENDING.filter((r) => edgeHours.has(hourOf(r.vaccinatedAt)));
    const rolled = PENDING.filter((r) => !edgeHours.has(hourOf(r.vaccinatedAt)));
    expect(inEdge.length).toBeGreaterThanOrEqual(12);
    expect(rolled.length).toBeGreaterThanOrEqual(6);
    // The rollup holds the rolled-up hours' records (the triggers keep it), which the summary reads instead of them.
    const hours = await testDb().pendingHourCount.findMany({ where: { blockId }, orderBy: { hour: "asc" } });
    expect(hours.reduce((s, h) => s + h.count, 0)).toBe(PENDING.length);
    expect(hours.find((h) => h.hour.getTime() === Date.parse("2021-06-21T03:00:00Z"))?.count).toBe(3);
  });

  it("getBacklogSummary counts every bucket exactly", async () => {
    const summary = await getBacklogSummary(testDb(), await districtScope(), NOW, blockId);
    expect(summary.blocks.map((b) => b.block)).toEqual([BLOCK]);
    expect(figuresOf(summary.blocks[0]!)).toEqual(EXPECTED);
    expect(figuresOf(summary.district)).toEqual(EXPECTED);
    expect(EXPECTED).toMatchObject({ pending: 22, overdue: 6, dueWithin6h: 5, ageBuckets: { h0_12: 3, h12_24: 2, h24_36: 4, h36_48: 7, overdue: 6 } });
    // The block is also in the district-wide summary with the same figures.
    const all = await getBacklogSummary(testDb(), await districtScope(), NOW);
    expect(figuresOf(all.blocks.find((b) => b.blockId === blockId)!)).toEqual(EXPECTED);
  });

  it("1 ms later, the records 1 ms short of a cut-off cross it, and only they", async () => {
    const later = new Date(NOW.getTime() + MS);
    const block = (await getBacklogSummary(testDb(), await districtScope(), later, blockId)).blocks[0]!;
    // 47:59:59.999 turns 48 h (overdue, no longer due soon), 41:59:59.999 turns 42 h (due soon); the records 1 ms
    // short of 36, 24 and 12 h move up one bucket each, and the one from the future turns 1 ms old.
    expect(block.ageBuckets).toEqual({ ...EXPECTED.ageBuckets, overdue: EXPECTED.ageBuckets.overdue + 1, h0_12: EXPECTED.ageBuckets.h0_12 - 1 });
    expect(block.overdue).toBe(EXPECTED.overdue + 1);
    expect(block.dueWithin6h).toBe(EXPECTED.dueWithin6h);
    expect(block.pending).toBe(EXPECTED.pending);
  });

  it("agrees with the pure rule at instants around every cut-off, on and off the hour", async () => {
    const instants = [-MS, MS, 2 * MS, 17 * MIN + 25_433 * MS, 17 * MIN + 25_432 * MS, -(42 * MIN + 34_567 * MS), H].map((d) => new Date(NOW.getTime() + d));
    expect(instants.some((t) => t.getTime() % H === 0)).toBe(true); // cut-offs on an hour boundary too
    for (const at of instants) {
      const block = (await getBacklogSummary(testDb(), await districtScope(), at, blockId)).blocks[0]!;
      const buckets = emptyBucketCounts();
      for (const r of PENDING) buckets[ageBucket(r.vaccinatedAt, at)] += 1;
      expect(block.ageBuckets, at.toISOString()).toEqual(buckets);
      expect(block.dueWithin6h, at.toISOString()).toBe(PENDING.filter((r) => isDueWithin6h(r.vaccinatedAt, at)).length);
      expect(block.overdue, at.toISOString()).toBe(PENDING.filter((r) => isOverdue(r.vaccinatedAt, at)).length);
    }
  });

  it("tRPC backlog.getSummary answers the same figures", async () => {
    const dio = await callerFor("dio", NOW);
    const summary = await dio.backlog.getSummary({ blockId });
    expect(summary.generatedAt).toEqual(NOW);
    expect(figuresOf(summary.district)).toEqual(EXPECTED);
    expect(summary.blocks.map((b) => figuresOf(b))).toEqual([EXPECTED]);
  });

  it("REST GET /api/v1/backlog?block= answers the same figures", async () => {
    const res = await withTestRuntime(() => getBacklog(new Request("http://localhost/api/v1/backlog?block=edge-test-block", { headers: { authorization: `Bearer ${token}` } })), NOW);
    expect(res.status).toBe(200);
    const body = await res.json();
    const api = {
      ...EXPECTED,
      ageBuckets: { "0-12h": EXPECTED.ageBuckets.h0_12, "12-24h": EXPECTED.ageBuckets.h12_24, "24-36h": EXPECTED.ageBuckets.h24_36, "36-48h": EXPECTED.ageBuckets.h36_48, overdue: EXPECTED.ageBuckets.overdue },
    };
    expect(body).toEqual({ generatedAt: NOW.toISOString(), deadlineHours: 48, district: api, blocks: [{ block: BLOCK, ...api }] });
  });
});
