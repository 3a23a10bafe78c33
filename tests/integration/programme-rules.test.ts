/**
 * The programme's rules as data (issue 12), on a scratch state of this file's own (so that changing its rules
 * cannot move any other test's figures): district "Hours" follows the state's 48 h; district "ByTime" has its own
 * stricter "by 17:00 the next day". The backlog summary's SQL, the pending-records list and the pure rule must agree
 * at the edges of both, in one state-wide statement; a district's rules that widen the state's are refused; and
 * the state officer's change is in force on the very next request.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GET as getRules, PUT as putRules } from "@/app/api/v1/rules/route";
import { ageBucket, isDueWithin6h, isOverdue } from "@/core/domain/aging";
import { createApiToken } from "@/server/auth/api-tokens";
import { getBacklogSummary } from "@/server/services/backlog/backlog-summary";
import { findPendingRecords } from "@/server/services/backlog/pending-records";
import { rulesFor } from "@/server/services/rules/programme-rules";
import type { Scope } from "@/server/auth/scope";
import { callerFor, testDb } from "@/tests/helpers/callers";
import { withTestRuntime } from "@/tests/helpers/rest";

const H = 3_600_000;
const BY_17_NEXT_DAY = { kind: "byTime", days: 1, minuteOfDay: 17 * 60 } as const;
const WORK = { startMinute: 8 * 60, endMinute: 22 * 60 };
const STATE = "Rules Test State";
const OFFICER = "sio.rules-test";
const TOKEN = "programme rules test";
/** An IST wall time as the instant it is. */
const ist = (text: string) => new Date(`${text}+05:30`);

// "Hours" district (48 h): one record exactly 48 h before T48, one 1 ms later.
const T48 = ist("2021-06-23T12:12:34.567");
const HOURS_RECORDS = [new Date(T48.getTime() - 48 * H), new Date(T48.getTime() - 48 * H + 1)];
// "ByTime" district (by 17:00 the next day): the last minute of 21 June and the first instant of 22 June.
const LATE = ist("2021-06-21T23:59:00.000");
const MIDNIGHT = ist("2021-06-22T00:00:00.000");

let stateId = 0;
const districts = { hours: 0, byTime: 0 };
const blocks = { hours: 0, byTime: 0 };
let token = "";

async function place(name: string, serialPrefix: string, times: Date[]): Promise<[number, number]> {
  const db = testDb();
  const d = await db.district.create({ data: { stateId, name, nameHi: `${name} हि`, setUpAt: new Date() } });
  const b = await db.block.create({ data: { districtId: d.id, name: `${name} Block`, nameHi: `${name} प्रखंड` } });
  const site = await db.site.create({ data: { districtId: d.id, blockId: b.id, name: `${name} PHC` } });
  const camp = await db.camp.create({ data: { districtId: d.id, siteId: site.id, date: new Date("2021-06-21") } });
  await db.vaccinationRecord.createMany({
    data: times.map((vaccinatedAt, i) => ({
      districtId: d.id, blockId: b.id, campId: camp.id, registerSerial: `${serialPrefix}-${i}`, vaccinatedAt, dose: 1, vaccine: "COVISHIELD" as const,
      beneficiaryName: "Rules Test Person", birthYear: 1980, sex: "FEMALE" as const, idType: "OTHER" as const, idLast4: "0000", idHash: `rules-test-${serialPrefix}-${i}`,
    })),
  });
  return [d.id, b.id];
}

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  const db = testDb();
  const state = await db.state.create({ data: { name: STATE, nameHi: "नियम परीक्षण राज्य" } });
  stateId = state.id;
  await db.programmeRule.create({ data: { stateId, deadlineKind: "HOURS", deadlineHours: 48, workStartMinute: 480, workEndMinute: 1320, updatedAt: new Date() } });
  [districts.hours, blocks.hours] = await place("Rules Hours", "RH", HOURS_RECORDS);
  [districts.byTime, blocks.byTime] = await place("Rules ByTime", "RB", [LATE, MIDNIGHT]);
  await db.districtProgrammeRule.create({ data: { districtId: districts.byTime, deadlineKind: "BY_TIME", deadlineDays: 1, deadlineMinuteOfDay: 1020, workStartMinute: 540, workEndMinute: 1260, updatedAt: new Date() } });
  const officer = await db.user.create({ data: { username: OFFICER, displayName: "Rules Test Officer", passwordHash: "x", role: "STATE_OFFICER", stateId } });
  token = (await createApiToken(db, officer.id, TOKEN)).token;
});

afterAll(async () => {
  const db = testDb();
  if (!stateId) return;
  const ids = Object.values(districts).filter((id) => id > 0);
  await db.apiToken.deleteMany({ where: { name: TOKEN } });
  await db.user.deleteMany({ where: { username: OFFICER } });
  await db.vaccinationRecord.deleteMany({ where: { districtId: { in: ids } } });
  await db.pendingHourCount.deleteMany({ where: { districtId: { in: ids } } });
  await db.blockStatusCount.deleteMany({ where: { districtId: { in: ids } } });
  await db.camp.deleteMany({ where: { districtId: { in: ids } } });
  await db.site.deleteMany({ where: { districtId: { in: ids } } });
  await db.block.deleteMany({ where: { districtId: { in: ids } } });
  await db.districtProgrammeRule.deleteMany({ where: { districtId: { in: ids } } });
  await db.district.deleteMany({ where: { id: { in: ids } } });
  await db.programmeRule.deleteMany({ where: { stateId } });
  await db.state.delete({ where: { id: stateId } });
});

const stateScope = (): Scope => ({ kind: "state", stateId, districtIds: [districts.hours, districts.byTime] });

/** The block's figures from one state-wide summary, and the pending list's flags, at `at`. */
async function observe(which: "hours" | "byTime", at: Date) {
  const db = testDb();
  const summary = await getBacklogSummary(db, stateScope(), at);
  const block = summary.blocks.find((b) => b.blockId === blocks[which])!;
  const page = await findPendingRecords(db, stateScope(), at, { blockId: blocks[which], page: 1, pageSize: 50, sort: "vaccinatedAt", direction: "asc" });
  const overdueList = await findPendingRecords(db, stateScope(), at, { blockId: blocks[which], page: 1, pageSize: 50, sort: "vaccinatedAt", direction: "asc", bucket: "overdue" });
  const dueList = await findPendingRecords(db, stateScope(), at, { blockId: blocks[which], page: 1, pageSize: 50, sort: "vaccinatedAt", direction: "asc", bucket: "due6h" });
  return {
    overdue: block.overdue,
    dueWithin6h: block.dueWithin6h,
    flags: page.rows.map((r) => r.bucket),
    deadlines: page.rows.map((r) => r.deadline.toISOString()),
    overdueListed: overdueList.total,
    dueListed: dueList.total,
  };
}

describe("the deadline rules at their edges, in the summary SQL and the pure rule", () => {
  it("48 h (the state's): 47:59:59.999 pending, 48:00:00.000 overdue", async () => {
    const seen = await observe("hours", T48);
    // Written out: the record exactly 48 h old is overdue; the one 1 ms younger is due soon.
    expect(seen).toMatchObject({ overdue: 1, dueWithin6h: 1, flags: ["overdue", "h36_48"], overdueListed: 1, dueListed: 1 });
    const rule = (await rulesFor(testDb(), districts.hours)).deadline;
    expect(HOURS_RECORDS.map((v) => isOverdue(v, T48, rule))).toEqual([true, false]);
    // 1 ms later both are overdue.
    expect(await observe("hours", new Date(T48.getTime() + 1))).toMatchObject({ overdue: 2, dueWithin6h: 0, overdueListed: 2 });
  });

  it("by 17:00 the next day (the district's own): a 23:59 vaccination is due 17:00 the next day, a 00:00 one a day later", async () => {
    const rule = (await rulesFor(testDb(), districts.byTime)).deadline;
    expect(rule).toEqual(BY_17_NEXT_DAY);
    const cases: { at: Date; overdue: number; dueWithin6h: number; flags: string[] }[] = [
      // 16:59:59 on 22 June: the 23:59 one is 1 s from its deadline; the 00:00 one has a day and 1 s left.
      { at: ist("2021-06-22T16:59:59.000"), overdue: 0, dueWithin6h: 1, flags: ["h36_48", "h12_24"] },
      { at: ist("2021-06-22T16:59:59.999"), overdue: 0, dueWithin6h: 1, flags: ["h36_48", "h12_24"] },
      { at: ist("2021-06-22T17:00:00.000"), overdue: 1, dueWithin6h: 0, flags: ["overdue", "h24_36"] },
      { at: ist("2021-06-23T16:59:59.000"), overdue: 1, dueWithin6h: 1, flags: ["overdue", "h36_48"] },
      { at: ist("2021-06-23T17:00:00.000"), overdue: 2, dueWithin6h: 0, flags: ["overdue", "overdue"] },
    ];
    for (const c of cases) {
      const seen = await observe("byTime", c.at);
      const what = c.at.toISOString();
      expect({ overdue: seen.overdue, dueWithin6h: seen.dueWithin6h, flags: seen.flags }, what).toEqual({ overdue: c.overdue, dueWithin6h: c.dueWithin6h, flags: c.flags });
      expect([seen.overdueListed, seen.dueListed], what).toEqual([c.overdue, c.dueWithin6h]);
      // The pure rule says the same.
      expect([LATE, MIDNIGHT].map((v) => ageBucket(v, c.at, rule)), what).toEqual(c.flags);
      expect([LATE, MIDNIGHT].filter((v) => isOverdue(v, c.at, rule)).length, what).toBe(c.overdue);
      expect([LATE, MIDNIGHT].filter((v) => isDueWithin6h(v, c.at, rule)).length, what).toBe(c.dueWithin6h);
    }
    expect((await observe("byTime", LATE)).deadlines).toEqual([ist("2021-06-22T17:00:00.000").toISOString(), ist("2021-06-23T17:00:00.000").toISOString()]);
  });
});

describe("changing the rules", () => {
  it("refuses a district's rules that would widen the state's, with a 4xx that says why", async () => {
    const sio = await callerFor(OFFICER, T48);
    // The state's rule is 48 h: 49 h is later; "by 01:00 on day 2" is later for a vaccination at 00:30 (due
    // 49.5 h after it); an earlier deadline with working hours starting before the state's 08:00 is wider too.
    for (const rules of [
      { deadline: { kind: "hours", hours: 49 }, work: WORK },
      { deadline: { kind: "byTime", days: 2, minuteOfDay: 60 }, work: WORK },
      { deadline: { kind: "hours", hours: 24 }, work: { startMinute: 7 * 60, endMinute: 22 * 60 } },
    ] as const) {
      await expect(sio.rules.update({ district: districts.hours, rules })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    // A district's officer may not change rules at all.
    await expect((await callerFor("dio", T48)).rules.update({ rules: { deadline: { kind: "hours", hours: 24 }, work: WORK } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Over REST: 400 with the sentence.
    const res = await withTestRuntime(
      () => putRules(new Request("http://localhost/api/v1/rules", { method: "PUT", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ district: districts.hours, rules: { deadline: { kind: "hours", hours: 72 }, work: WORK } }) })),
      T48,
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/may not be later than the state's \(48 h\)/);
    expect((await rulesFor(testDb(), districts.hours)).source).toBe("state");
  });

  it("refuses a state change that a district's own rules would then widen (409), and accepts a narrower district rule", async () => {
    const sio = await callerFor(OFFICER, T48);
    // "By 17:00 the next day" is due at most 41 h after vaccination: a 40 h state rule would be stricter.
    await expect(sio.rules.update({ rules: { deadline: { kind: "hours", hours: 40 }, work: WORK } })).rejects.toMatchObject({ code: "CONFLICT" });
    const view = await sio.rules.update({ district: districts.hours, rules: { deadline: { kind: "hours", hours: 24 }, work: { startMinute: 9 * 60, endMinute: 21 * 60 } } });
    expect(view.districts.find((d) => d.districtId === districts.hours)).toMatchObject({ source: "district", deadline: { kind: "hours", hours: 24 } });
    await sio.rules.update({ district: districts.hours, rules: null });
    expect((await rulesFor(testDb(), districts.hours)).source).toBe("state");
  });

  it("the state officer's change is in force on the next request", async () => {
    const sio = await callerFor(OFFICER, T48);
    const before = await sio.backlog.getSummary({});
    expect(before.blocks.find((b) => b.blockId === blocks.hours)?.overdue).toBe(1);
    await sio.rules.update({ rules: { deadline: { kind: "hours", hours: 42 }, work: WORK } });
    try {
      // Under 42 h both "Hours" records are overdue at T48; the "ByTime" district keeps its own rule.
      const after = await (await callerFor(OFFICER, T48)).backlog.getSummary({});
      expect(after.blocks.find((b) => b.blockId === blocks.hours)?.overdue).toBe(2);
      const res = await withTestRuntime(() => getRules(new Request("http://localhost/api/v1/rules", { headers: { authorization: `Bearer ${token}` } })), T48);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.state.deadline).toEqual({ kind: "hours", hours: 42 });
      expect(body.updatedBy).toBe(OFFICER);
      expect(body.districts.find((d: { districtId: number }) => d.districtId === districts.byTime)).toMatchObject({ source: "district", deadline: BY_17_NEXT_DAY });
    } finally {
      await sio.rules.update({ rules: { deadline: { kind: "hours", hours: 48 }, work: WORK } });
    }
  });
});
