import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { GET as getBacklogRoute } from "@/app/api/v1/backlog/route";
import { GET as getHealth } from "@/app/api/health/route";
import { handleTrpc } from "@/server/api/trpc-handler";
import { createCallerFactory, createTRPCRouter, publicProcedure } from "@/server/api/trpc";
import { defineRoute } from "@/server/api/rest/route";
import { withRuntime } from "@/server/api/runtime";
import { createApiToken } from "@/server/auth/api-tokens";
import { resetEnvironment } from "@/server/config";
import { createDb, getDb, getDbLimiter, resetDbLimiter, type Db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { classifyError } from "@/server/errors/classify";
import { loadUser, testDb } from "@/tests/helpers/callers";
import { atTestNow, withTestRuntime } from "@/tests/helpers/rest";
import { TEST_NOW } from "@/tests/helpers/test-clock";

// Two slots and no queue unless a test says otherwise: the third request must be told "busy" at once.
const SETTINGS = { TEEKA_DB_POOL_SIZE: "2", TEEKA_DB_QUEUE_MAX: "0", TEEKA_DB_QUEUE_WAIT_MS: "300" };
const getBacklog = atTestNow(getBacklogRoute);
const saved: Record<string, string | undefined> = {};
let token = "";

function configure(values: Record<string, string>) {
  Object.assign(process.env, values);
  resetEnvironment();
  resetDbLimiter();
}

beforeAll(async () => {
  for (const name of Object.keys(SETTINGS)) saved[name] = process.env[name];
  configure(SETTINGS);
  token = (await createApiToken(testDb(), (await loadUser("dio")).id, "overload test")).token;
});

afterAll(async () => {
  await testDb().apiToken.deleteMany({ where: { name: "overload test" } });
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvironment();
  resetDbLimiter();
});

beforeEach(() => configure(SETTINGS));

/** Takes every slot of the app's queue with real slow queries; resolves when they have all finished. */
async function fillSlots(seconds: number, db: Db = testDb()): Promise<() => Promise<void>> {
  const limiter = getDbLimiter();
  const slots = limiter.stats().maxInFlight;
  const running = Array.from({ length: slots }, () => limiter.run(() => db.$queryRawUnsafe(`SELECT pg_sleep(${seconds})::text`)));
  while (limiter.stats().inFlight < slots) await new Promise((r) => setTimeout(r, 5));
  return async () => void (await Promise.all(running));
}

const bearer = (url: string) => new Request(`http://localhost${url}`, { headers: { authorization: `Bearer ${token}` } });

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

describe("the bounded queue in front of database work", () => {
  it("answers the next tRPC request (through the fetch handler) 503 busy with Retry-After at once while every slot is held", async () => {
    const done = await fillSlots(1.5);
    const { value: res, ms } = await timed(() => withTestRuntime(() => handleTrpc(bearer(`/api/trpc/backlog.getSummary?batch=1&input=${encodeURIComponent("{}")}`))));
    await done();
    expect(ms).toBeLessThan(500);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    const body = (await res.json()) as [{ error: { json: { data: { code: string; key: string; params: { seconds: number } } } } }];
    expect(body[0].error.json.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", key: "busy", params: { seconds: 2 } });
  });

  it("answers the next REST request 503 busy with Retry-After at once, and serves again once a slot is free", async () => {
    const done = await fillSlots(1.5);
    const { value: res, ms } = await timed(() => getBacklog(bearer("/api/v1/backlog")));
    expect(ms).toBeLessThan(500);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(await res.json()).toMatchObject({ code: "UNAVAILABLE", key: "busy" });
    await done();
    expect((await getBacklog(bearer("/api/v1/backlog"))).status).toBe(200);
    expect(getDbLimiter().stats()).toMatchObject({ inFlight: 0, queued: 0 });
  });

  it("lets a request wait in the queue for at most TEEKA_DB_QUEUE_WAIT_MS, then tells it busy", async () => {
    configure({ ...SETTINGS, TEEKA_DB_QUEUE_MAX: "5", TEEKA_DB_QUEUE_WAIT_MS: "300" });
    const done = await fillSlots(1.5);
    const { value: res, ms } = await timed(() => getBacklog(bearer("/api/v1/backlog")));
    await done();
    expect(res.status).toBe(503);
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(1_000);
    expect(getDbLimiter().stats().timedOut).toBe(1);
  });

  it("serves a queued request as soon as a slot frees within the wait", async () => {
    configure({ ...SETTINGS, TEEKA_DB_QUEUE_MAX: "5", TEEKA_DB_QUEUE_WAIT_MS: "3000" });
    const done = await fillSlots(0.3);
    const res = await getBacklog(bearer("/api/v1/backlog"));
    await done();
    expect(res.status).toBe(200);
  });
});

describe("statement timeouts", () => {
  let slowDb: Db;
  beforeAll(() => {
    slowDb = createDb(inject("databaseUrl"), { poolSize: 1, statementTimeoutMs: 200 });
  });
  afterAll(() => slowDb.$disconnect());

  // A pipeline of its own, built from the real procedure base and route wrapper, with one query that outlasts it.
  const router = createTRPCRouter({ sleep: publicProcedure.query(({ ctx }) => ctx.db.$queryRawUnsafe("SELECT pg_sleep(2)::text")) });
  const sleepRoute = defineRoute(
    { method: "GET", path: "/api/v1/test-sleep", operationId: "testSleep", summary: "test", tags: ["test"], capability: "dashboard.read", responses: { description: "test" } },
    ({ db }) => db.$queryRawUnsafe("SELECT pg_sleep(2)::text"),
  );

  it("has PostgreSQL cancel a statement that runs too long (SQLSTATE 57014), which is 503 busy, not a fault", async () => {
    const error = await slowDb.$queryRawUnsafe("SELECT pg_sleep(2)::text").then(() => null, (e: unknown) => e);
    const mapped = classifyError(error);
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped).toMatchObject({ code: "UNAVAILABLE", key: "busy", retryAfterSeconds: expect.any(Number) });
  });

  it("answers a procedure killed by it SERVICE_UNAVAILABLE busy, and a REST route 503 with Retry-After", async () => {
    const caller = createCallerFactory(router)({ db: slowDb, user: null, now: () => TEST_NOW });
    const { ms } = await timed(() => expect(caller.sleep()).rejects.toSatisfy((e) => e instanceof TRPCError && e.code === "SERVICE_UNAVAILABLE" && (e.cause as AppError).key === "busy"));
    expect(ms).toBeLessThan(1_500);
    const res = await withRuntime({ db: slowDb, now: () => TEST_NOW }, () => sleepRoute.handle(bearer("/api/v1/test-sleep")));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).not.toBeNull();
    expect(await res.json()).toMatchObject({ key: "busy" });
  });
});

describe("GET /api/health under load", () => {
  it("answers at once on its own connection while every slot and connection is taken: 200, status busy", async () => {
    // The process's own client (getDb(): two connections here), which the health check used to share.
    const done = await fillSlots(2, getDb());
    const { value: res, ms } = await timed(() => getHealth());
    const body = (await res.json()) as { status: string; db: string; busy: boolean; load: { inFlight: number; maxInFlight: number } };
    await done();
    expect(ms).toBeLessThan(1_000);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ status: "busy", db: "ok", busy: true, load: { inFlight: 2, maxInFlight: 2 } });
    const idle = await getHealth();
    expect(await idle.json()).toMatchObject({ status: "ok", db: "ok", busy: false });
  });
});
