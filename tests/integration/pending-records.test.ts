import { describe, expect, it } from "vitest";
import { isOverdue } from "@/core/domain/aging";
import { blockIdOf, callerFor, testDb } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";

const base = { page: 1, pageSize: 50, sort: "vaccinatedAt", direction: "asc" } as const;

describe("pending records of a block", () => {
  it("pages through exactly the block's pending records", async () => {
    const blockId = await blockIdOf("Pirpainti");
    const sup = await callerFor("sup.pirpainti");
    const summary = await sup.backlog.getSummary({ blockId });
    const ids = new Set<number>();
    let page = 1;
    for (;;) {
      const result = await sup.backlog.findPendingRecords({ ...base, blockId, page });
      expect(result.total).toBe(summary.district.pending);
      result.rows.forEach((r) => ids.add(r.id));
      if (page * base.pageSize >= result.total) break;
      page += 1;
    }
    expect(ids.size).toBe(summary.district.pending);
  });

  it("sorts on the server, oldest first by default and by any sortable column on request", async () => {
    const blockId = await blockIdOf("Pirpainti");
    const dio = await callerFor("dio");
    const asc = await dio.backlog.findPendingRecords({ ...base, blockId });
    const times = asc.rows.map((r) => r.vaccinatedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const bySerial = await dio.backlog.findPendingRecords({ ...base, blockId, sort: "registerSerial", direction: "desc" });
    const serials = bySerial.rows.map((r) => r.registerSerial);
    expect(serials).toEqual([...serials].sort().reverse());
  });

  it("filters by age bucket consistently with the summary", async () => {
    const blockId = await blockIdOf("Pirpainti");
    const dio = await callerFor("dio");
    const summary = await dio.backlog.getSummary({ blockId });
    const overdue = await dio.backlog.findPendingRecords({ ...base, blockId, bucket: "overdue", pageSize: 200 });
    expect(overdue.total).toBe(summary.district.overdue);
    expect(overdue.rows.every((r) => isOverdue(r.vaccinatedAt, TEST_NOW) && r.bucket === "overdue")).toBe(true);
    const due = await dio.backlog.findPendingRecords({ ...base, blockId, bucket: "due6h" });
    expect(due.total).toBe(summary.district.dueWithin6h);
    let bucketTotal = 0;
    for (const bucket of ["h0_12", "h12_24", "h24_36", "h36_48", "overdue"] as const) {
      bucketTotal += (await dio.backlog.findPendingRecords({ ...base, blockId, bucket })).total;
    }
    expect(bucketTotal).toBe(summary.district.pending);
  });

  it("filters by dose and site, and searches serials", async () => {
    const blockId = await blockIdOf("Pirpainti");
    const dio = await callerFor("dio");
    const dose2 = await dio.backlog.findPendingRecords({ ...base, blockId, dose: 2 });
    expect(dose2.rows.every((r) => r.dose === 2)).toBe(true);
    const first = dose2.rows[0] ?? (await dio.backlog.findPendingRecords({ ...base, blockId })).rows[0]!;
    const bySite = await dio.backlog.findPendingRecords({ ...base, blockId, siteId: first.siteId });
    expect(bySite.total).toBeGreaterThan(0);
    expect(bySite.rows.every((r) => r.siteId === first.siteId)).toBe(true);
    const bySerial = await dio.backlog.findPendingRecords({ ...base, blockId, search: first.registerSerial.toLowerCase() });
    expect(bySerial.rows.map((r) => r.id)).toContain(first.id);
  });

  it("never sends a full mobile or ID number to the browser", async () => {
    const blockId = await blockIdOf("Pirpainti");
    const page = await (await callerFor("sup.pirpainti")).backlog.findPendingRecords({ ...base, blockId, pageSize: 200 });
    const records = await testDb().vaccinationRecord.findMany({ where: { id: { in: page.rows.map((r) => r.id) } } });
    const json = JSON.stringify(page);
    for (const r of records) {
      if (r.mobile) expect(json).not.toContain(r.mobile);
    }
    expect(json).not.toMatch(/\d{10}/);
    expect(page.rows.every((r) => /X{4} X{4} \d{4}$|••••/.test(r.idMasked))).toBe(true);
  });

  it("lists the block's camps with counts that add up to the block's", async () => {
    const blockId = await blockIdOf("Pirpainti");
    const dio = await callerFor("dio");
    const [camps, summary] = await Promise.all([dio.backlog.listBlockCamps({ blockId }), dio.backlog.getSummary({ blockId })]);
    expect(camps.length).toBeGreaterThan(1);
    const sum = (key: "pending" | "vaccinated" | "overdue" | "dueWithin6h") => camps.reduce((s, c) => s + c[key], 0);
    expect(sum("pending")).toBe(summary.district.pending);
    expect(sum("vaccinated")).toBe(summary.district.vaccinated);
    expect(sum("overdue")).toBe(summary.district.overdue);
    expect(sum("dueWithin6h")).toBe(summary.district.dueWithin6h);
    for (const c of camps) expect(c.vaccinated).toBe(c.entered + c.pending + c.rejected);
  });
});
