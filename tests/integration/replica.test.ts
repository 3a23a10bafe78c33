/**
 * The read replica for real: a PostgreSQL primary and a streaming standby made with pg_basebackup -R, the
 * migrations and a small seed applied to the primary (and streamed to the standby), then the real pipeline:
 * tRPC queries and REST GETs read from the standby, mutations write to the primary, the writer reads their own
 * write at once while another user still sees the standby's (paused) copy, and the lag is reported.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { withRuntime } from "@/server/api/runtime";
import { backlogRoute } from "@/server/api/rest/routes/backlog";
import { createApiToken } from "@/server/auth/api-tokens";
import { sessionOwnerOf } from "@/server/auth/user-sessions";
import { createDb, type Db } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";
import { REPLICA_APPLICATION_NAME, chooseDb, measureReplicaLag, resetReplicaRouting } from "@/server/db/replica";
import { startPrimaryAndStandby, stopStandbyPairs, type StandbyPair } from "@/tests/helpers/pg-standby";

const createCaller = createCallerFactory(appRouter);
const HOUR = 3_600_000;

let pair: StandbyPair;
let primary: Db;
let replica: Db;
let recordIds: number[];

/** Just enough of a district for two officers and three pending register entries. */
async function seedSmallDistrict(db: Db): Promise<number[]> {
  const now = new Date();
  const state = await db.state.create({ data: { name: "Bihar", nameHi: "बिहार" } });
  const district = await db.district.create({ data: { stateId: state.id, name: "Bhagalpur", nameHi: "भागलपुर", setUpAt: now } });
  const block = await db.block.create({ data: { districtId: district.id, name: "Pirpainti", nameHi: "पीरपैंती" } });
  const site = await db.site.create({ data: { districtId: district.id, blockId: block.id, name: "PHC Pirpainti" } });
  const camp = await db.camp.create({ data: { districtId: district.id, siteId: site.id, date: new Date(now.toISOString().slice(0, 10)) } });
  for (const username of ["writer.dio", "reader.dio"]) {
    await db.user.create({ data: { username, displayName: username, passwordHash: "-", role: "DISTRICT_OFFICER", districtId: district.id } });
  }
  const ids: number[] = [];
  for (const serial of ["R-1", "R-2", "R-3"]) {
    const r = await db.vaccinationRecord.create({
      data: {
        districtId: district.id, blockId: block.id, campId: camp.id, registerSerial: serial, vaccinatedAt: new Date(now.getTime() - 2 * HOUR),
        dose: 1, vaccine: "COVISHIELD", beneficiaryName: `Person ${serial}`, birthYear: 1980, sex: "FEMALE", idType: "AADHAAR", idLast4: "1234", idHash: `hash-${serial}`,
      },
    });
    ids.push(r.id);
  }
  return ids;
}

async function callerAs(username: string) {
  const u = await primary.user.findUniqueOrThrow({ where: { username }, include: { district: { select: { stateId: true } } } });
  return createCaller({ db: primary, replica, user: sessionOwnerOf(u), now: () => new Date(), district: null });
}

async function userId(username: string): Promise<number> {
  return (await primary.user.findUniqueOrThrow({ where: { username } })).id;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const caughtUp = async () => (await measureReplicaLag(primary, replica))?.bytes === 0;

async function restBacklogPending(token: string): Promise<number> {
  const res = await withRuntime({ db: primary, replica, now: () => new Date() }, () =>
    backlogRoute.handle(new Request("http://localhost/api/v1/backlog", { headers: { authorization: `Bearer ${token}` } })),
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { district: { pending: number } }).district.pending;
}

describe("read replica (PostgreSQL primary + streaming standby)", () => {
  beforeAll(async () => {
    pair = await startPrimaryAndStandby("teeka_replica");
    await migrateDatabase(pair.primaryUrl);
    primary = createDb(pair.primaryUrl);
    replica = createDb(pair.standbyUrl, { applicationName: REPLICA_APPLICATION_NAME });
    recordIds = await seedSmallDistrict(primary);
    await until("the standby to replay the migrations and the seed", caughtUp);
    resetReplicaRouting();
  }, 60_000);

  afterAll(async () => {
    await primary?.$disconnect();
    await replica?.$disconnect();
    await stopStandbyPairs();
  });

  it("the replica client talks to a standby in recovery, the primary client to the primary", async () => {
    expect((await replica.$queryRaw<{ r: boolean }[]>`SELECT pg_is_in_recovery() AS r`)[0]!.r).toBe(true);
    expect((await primary.$queryRaw<{ r: boolean }[]>`SELECT pg_is_in_recovery() AS r`)[0]!.r).toBe(false);
    // The standby has the rows the seed wrote on the primary: they came by streaming replication.
    expect(await replica.vaccinationRecord.count()).toBe(3);
  });

  it("queries read the standby, mutations write the primary, the writer reads their own write, others lag", async () => {
    const writer = await callerAs("writer.dio");
    const reader = await callerAs("reader.dio");
    const [first, second] = recordIds as [number, number];
    expect((await reader.records.getDetail({ id: first })).status).toBe("PENDING");

    // Hold the standby still: whatever the primary writes now is not visible there until replay resumes.
    await replica.$executeRawUnsafe("SELECT pg_wal_replay_pause()");
    const marked = await writer.records.markEntered({ items: [{ id: first, portalRef: "PORTAL-0001" }] });
    expect(marked).toBeTruthy();
    expect((await primary.vaccinationRecord.findUniqueOrThrow({ where: { id: first } })).status).toBe("ENTERED");
    expect((await replica.vaccinationRecord.findUniqueOrThrow({ where: { id: first } })).status).toBe("PENDING");

    // Read-your-writes: the writer's next read goes to the primary (the standby has not replayed their write).
    expect((await writer.records.getDetail({ id: first })).status).toBe("ENTERED");
    expect(await chooseDb("read", await userId("writer.dio"), primary, replica)).toBe(primary);
    // Another user reads the standby, which is behind: this is the proof that their read came from it.
    expect((await reader.records.getDetail({ id: first })).status).toBe("PENDING");
    expect((await reader.backlog.getSummary()).district.pending).toBe(3);
    expect(await chooseDb("read", await userId("reader.dio"), primary, replica)).toBe(replica);

    // The REST API takes the same route: a GET reads the standby for a user without writes.
    const { token } = await createApiToken(primary, await userId("reader.dio"), "replica test");
    await until("the token to reach the standby", async () => {
      await replica.$executeRawUnsafe("SELECT pg_wal_replay_resume()");
      return caughtUp();
    });
    await replica.$executeRawUnsafe("SELECT pg_wal_replay_pause()");
    await primary.vaccinationRecord.update({ where: { id: second }, data: { status: "ENTERED", enteredAt: new Date(), portalRef: "PORTAL-0002" } });
    expect(await restBacklogPending(token)).toBe(2); // first is replayed (resumed above), second is not yet

    // The lag is reported: behind in bytes, and in seconds once a second has passed.
    await new Promise((r) => setTimeout(r, 1_200));
    const lag = await measureReplicaLag(primary, replica);
    expect(lag!.bytes).toBeGreaterThan(0);
    expect(lag!.seconds).toBeGreaterThanOrEqual(1);
    // The header's query serves a figure at most a second old (refreshed behind it), so it shows the lag shortly.
    await until("the header's lag query to show the lag", async () => ((await reader.replica.lag()).seconds ?? 0) >= 1, 5_000);
    expect((await reader.replica.lag()).configured).toBe(true);

    // Replay resumes: everyone sees both writes, and the writer's reads go back to the standby.
    await replica.$executeRawUnsafe("SELECT pg_wal_replay_resume()");
    await until("the standby to catch up", caughtUp);
    expect(await restBacklogPending(token)).toBe(1);
    expect((await reader.records.getDetail({ id: first })).status).toBe("ENTERED");
    expect(await chooseDb("read", await userId("writer.dio"), primary, replica)).toBe(replica);
    expect(await measureReplicaLag(primary, replica)).toEqual({ seconds: 0, bytes: 0 });
  });

  it("without a replica everything uses the primary, and the lag is null", async () => {
    const u = await primary.user.findUniqueOrThrow({ where: { username: "reader.dio" }, include: { district: { select: { stateId: true } } } });
    const caller = createCaller({ db: primary, replica: null, user: sessionOwnerOf(u), now: () => new Date(), district: null });
    expect(await caller.replica.lag()).toEqual({ configured: false, seconds: null });
    expect(await chooseDb("read", u.id, primary, null)).toBe(primary);
  });
});
