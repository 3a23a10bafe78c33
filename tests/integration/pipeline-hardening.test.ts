/**
 * Findings 2, 4, 9 and 11 of the security review (issue 10), each reproduced: CSRF on cookie-authenticated writes,
 * inputs that answered 500, the database being down, and refusals that named the block an id belongs to.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { handleTrpc } from "@/server/api/trpc-handler";
import { withRuntime } from "@/server/api/runtime";
import { recordsStatusRoute } from "@/server/api/rest/routes/records";
import { backlogRoute } from "@/server/api/rest/routes/backlog";
import { probesCreateRoute } from "@/server/api/rest/routes/probes";
import { createApiToken } from "@/server/auth/api-tokens";
import { createDb, type Db } from "@/server/db/client";
import { freePort } from "@/scripts/lib/free-port";
import { callerFor, loadUser, testDb } from "@/tests/helpers/callers";
import { withTestRuntime } from "@/tests/helpers/rest";
import { NextAuthBrowser } from "@/tests/helpers/next-auth-driver";
import { TEST_NOW } from "@/tests/helpers/test-clock";

const APP = "http://localhost:3000";
let cookie = "";
let token = "";

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789";
  process.env.NEXTAUTH_URL = APP;
  const browser = new NextAuthBrowser();
  expect((await browser.signIn("op.pirpainti", "demo-pass-2021")).status).toBe(200);
  cookie = browser.cookieHeader();
  token = (await createApiToken(testDb(), (await loadUser("op.pirpainti")).id, "hardening test")).token;
});

afterAll(async () => {
  await testDb().apiToken.deleteMany({ where: { name: "hardening test" } });
});

const items = JSON.stringify({ items: [{ id: 2_000_000_000, status: "ENTERED", portalRef: "CWN-1234567890" }] });
// Requests authenticated by the session cookie run on the real clock: next-auth signed the cookie in (and its
// JWT expires) by the real clock, and made the session record at the real time, so a request at TEST_NOW would
// be checked against a session that begins five years later. Bearer-token requests run at TEST_NOW.
const live = <T>(fn: () => T) => withRuntime({ db: testDb() }, fn);
/** The pinned test clock on another database (a broken or unreachable one). */
const pinnedOn = <T>(db: Db, fn: () => T) => withRuntime({ db, now: () => TEST_NOW }, fn);

describe("CSRF: writes that a browser authenticates with its cookie", () => {
  const post = (headers: Record<string, string>, body = items) =>
    live(() => recordsStatusRoute.handle(new Request(`${APP}/api/v1/records/status`, { method: "POST", headers: { cookie, ...headers }, body })));

  it("are accepted from the app's own page (same origin, JSON)", async () => {
    const res = await post({ origin: APP, "sec-fetch-site": "same-origin", "content-type": "application/json" });
    expect(res.status).toBe(200);
  });

  it("are refused from another port of the same host, a sibling site, or with no origin at all", async () => {
    for (const headers of <Record<string, string>[]>[
      { origin: "http://localhost:8080", "sec-fetch-site": "same-site", "content-type": "application/json" },
      { origin: "http://evil.localhost:3000", "content-type": "application/json" },
      { "sec-fetch-site": "cross-site", "content-type": "application/json" },
      { "content-type": "application/json" },
    ]) {
      const res = await post(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toMatchObject({ code: "FORBIDDEN", key: "crossOrigin" });
    }
  });

  it("are refused as a simple request a form could send (text/plain), even from the same origin", async () => {
    const res = await post({ origin: APP, "content-type": "text/plain" });
    expect(res.status).toBe(415);
  });

  it("through tRPC too: a mutation from another origin is refused before it runs", async () => {
    const mutation = (origin: string) =>
      live(() =>
        handleTrpc(new Request(`${APP}/api/trpc/preferences.setLocale`, { method: "POST", headers: { cookie, origin, "content-type": "application/json" }, body: JSON.stringify({ json: { locale: "hi" } }) })),
      );
    expect((await mutation("http://localhost:8080")).status).toBe(403);
    expect((await loadUser("op.pirpainti")).locale).toBe("en");
    const same = await mutation(APP);
    expect(same.status).toBe(200);
    await testDb().user.update({ where: { username: "op.pirpainti" }, data: { locale: "en" } });
  });

  it("leave bearer-token clients alone: no Origin, any content type they send for JSON", async () => {
    const res = await withTestRuntime(() => recordsStatusRoute.handle(new Request(`${APP}/api/v1/records/status`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: items })));
    expect(res.status).toBe(200);
  });
});

describe("inputs that answered 500", () => {
  it("ids of 2^31 and more are refused with 400 and a sentence, by tRPC and REST", async () => {
    const dio = await callerFor("dio");
    await expect(dio.records.getDetail({ id: 2_147_483_648 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const res = await withTestRuntime(() =>
      recordsStatusRoute.handle(new Request(`${APP}/api/v1/records/status`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ items: [{ id: 2_147_483_648, status: "REJECTED", reason: "dup" }] }) })),
    );
    expect(res.status).toBe(200);
    expect((await res.json()).results[0]).toMatchObject({ result: "error", error: expect.stringMatching(/id/) });
  });

  it("a NUL byte in any text is refused up front, reads included", async () => {
    const op = await callerFor("op.pirpainti");
    const pirpainti = (await op.blocks.list())[0]!.id;
    await expect(op.backlog.findPendingRecords({ blockId: pirpainti, search: "a\u0000" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/NUL/) });
    const res = await withTestRuntime(() => backlogRoute.handle(new Request(`${APP}/api/v1/backlog?block=pirpa%00inti`, { headers: { authorization: `Bearer ${token}` } })));
    expect(res.status).toBe(400);
    expect((await res.json()).key).toBe("nulCharacter");
  });

  it("sites.confirm on a site that does not exist is NOT_FOUND", async () => {
    await expect((await callerFor("dio")).sites.confirm({ id: 2_000_000_000 })).rejects.toMatchObject({ code: "NOT_FOUND", message: "There is no site 2000000000 that you can see." });
  });

  it("a fault answers a generic sentence with a request id; the details stay in the log", async () => {
    const broken = new Proxy(testDb(), {
      get: (target, key) => (key === "probeTarget" ? { findFirst: () => Promise.reject(new Error("relation secret_table does not exist")) } : Reflect.get(target, key)),
    });
    const dio = (await createApiToken(testDb(), (await loadUser("sio.bihar")).id, "hardening test")).token;
    const res = await pinnedOn(broken as never, () =>
      probesCreateRoute.handle(new Request(`${APP}/api/v1/probes`, { method: "POST", headers: { authorization: `Bearer ${dio}`, "content-type": "application/json" }, body: JSON.stringify({ name: "fault", url: "http://127.0.0.1:9/" }) })),
    );
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body).toMatchObject({ code: "INTERNAL", key: "internal", requestId: res.headers.get("x-request-id") });
    expect(body.error).toMatch(/request [0-9a-f]{12}/);
    expect(JSON.stringify(body)).not.toMatch(/secret_table/);
  });
});

describe("the database down", () => {
  it("answers 503 with a JSON error and Retry-After on REST and tRPC", async () => {
    const dead = createDb(`postgresql://postgres:postgres@127.0.0.1:${await freePort()}/nothing`);
    try {
      const rest = await pinnedOn(dead, () => backlogRoute.handle(new Request(`${APP}/api/v1/backlog`, { headers: { authorization: `Bearer ${token}` } })));
      expect(rest.status).toBe(503);
      expect(rest.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await rest.json()).toMatchObject({ code: "UNAVAILABLE", key: "databaseUnavailable" });
      const trpc = await pinnedOn(dead, () => handleTrpc(new Request(`${APP}/api/trpc/backlog.getSummary`, { headers: { authorization: `Bearer ${token}` } })));
      expect(trpc.status).toBe(503);
      expect(trpc.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((await trpc.json()).error.json.data).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    } finally {
      await dead.$disconnect();
    }
  }, 60_000);
});

describe("refusals that named the block an id belongs to", () => {
  it("camps.getCamp of another block's camp reads exactly like a camp that does not exist", async () => {
    const sup = await callerFor("sup.sultanganj");
    const other = await testDb().camp.findFirstOrThrow({ where: { site: { block: { name: "Pirpainti" } } } });
    const message = (p: Promise<unknown>) => p.then(() => "ok", (e: Error) => e.message.replace(/\d+/g, "#"));
    const outOfScope = await message(sup.camps.getCamp({ id: other.id }));
    expect(outOfScope).toBe(await message(sup.camps.getCamp({ id: 2_000_000_000 })));
    expect(outOfScope).not.toMatch(/Pirpainti/);
  });
});
