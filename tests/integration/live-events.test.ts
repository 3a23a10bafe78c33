import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { POST as postStatusRoute } from "@/app/api/v1/records/status/route";
import { GET as getEventsRoute } from "@/app/api/v1/events/route";
import { createApiToken } from "@/server/auth/api-tokens";
import { getEventBus } from "@/server/events/event-bus";
import type { StreamEvent } from "@/server/events/live-event";
import { blockIdOf, callerFor, loadUser, testDb } from "@/tests/helpers/callers";
import { TEST_ID_HASH_KEY, TEST_NOW } from "@/tests/helpers/test-clock";
import { restorePendingAfterAll } from "@/tests/helpers/restore-pending";
import { atTestNow } from "@/tests/helpers/rest";

// The routes run at the pinned test clock (TEST_NOW). An event's `at` is stamped by the database trigger that
// announces it (clock_timestamp()), so it is the database's real time, not the request's.
const postStatus = atTestNow(postStatusRoute);
const getEvents = atTestNow(getEventsRoute);

const tokens: Record<string, string> = {};
const touched = restorePendingAfterAll();

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789";
  process.env.TEEKA_ID_HASH_KEY = TEST_ID_HASH_KEY;
  for (const username of ["dio", "op.pirpainti", "sup.pirpainti", "sup.sultanganj"]) {
    tokens[username] = (await createApiToken(testDb(), (await loadUser(username)).id, `live test ${username}`)).token;
  }
  await getEventBus().ready();
});

afterAll(async () => {
  await testDb().apiToken.deleteMany({ where: { name: { startsWith: "live test " } } });
  await getEventBus().close();
});

function request(url: string, as: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${tokens[as]}`);
  return new Request(`http://localhost${url}`, { ...init, headers });
}

/** Collects a subscription's events until aborted (a caller has no signal; the bus is closed at the end). */
function collect(iterable: AsyncIterable<StreamEvent>, signal: AbortSignal) {
  const events: { event: StreamEvent; at: number }[] = [];
  const done = (async () => {
    try {
      for await (const event of iterable) {
        events.push({ event, at: performance.now() });
        if (signal.aborted) break;
      }
    } catch (err) {
      if (!signal.aborted) throw err;
    }
  })();
  return { events, done };
}

async function until(check: () => boolean, timeoutMs: number) {
  const end = performance.now() + timeoutMs;
  while (!check() && performance.now() < end) await new Promise((r) => setTimeout(r, 10));
}

async function onePendingPirpaintiRecord(): Promise<number> {
  const r = await testDb().vaccinationRecord.findFirstOrThrow({
    where: { blockId: await blockIdOf("Pirpainti"), status: "PENDING", id: { notIn: [...touched] } },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  touched.add(r.id);
  return r.id;
}

describe("live events (tRPC subscription over the PostgreSQL channel)", () => {
  it("brings a record marked ENTERED through the API to subscribers of its block in under 1 s, and never to another block", async () => {
    const abort = new AbortController();
    const subscribe = async (username: string) =>
      collect((await (await callerFor(username)).events.onChange()) as AsyncIterable<StreamEvent>, abort.signal);
    const dio = await subscribe("dio");
    const pirpainti = await subscribe("sup.pirpainti");
    const sultanganj = await subscribe("sup.sultanganj");
    await until(() => [dio, pirpainti, sultanganj].every((s) => s.events.length > 0), 5_000);
    for (const s of [dio, pirpainti, sultanganj]) expect(s.events[0]?.event.type).toBe("sync");

    const id = await onePendingPirpaintiRecord();
    const sentAt = performance.now();
    const res = await postStatus(
      request("/api/v1/records/status", "op.pirpainti", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ items: [{ id, status: "ENTERED", portalRef: "CWN-7700000001" }] }) }),
    );
    expect(res.status).toBe(200);
    expect((await testDb().vaccinationRecord.findUniqueOrThrow({ where: { id } })).enteredAt).toEqual(TEST_NOW);
    const statusEvent = (s: ReturnType<typeof collect>) => s.events.find((e) => e.event.type === "record.status");
    await until(() => Boolean(statusEvent(dio) && statusEvent(pirpainti)), 2_000);
    await new Promise((r) => setTimeout(r, 300)); // time for a wrongly routed event to show up too
    abort.abort();

    for (const s of [dio, pirpainti]) {
      const got = statusEvent(s);
      expect(got?.event).toMatchObject({ type: "record.status", block: "Pirpainti", count: 1 });
      expect(got!.at - sentAt).toBeLessThan(1_000);
    }
    expect(sultanganj.events.filter((e) => e.event.blockId !== null).map((e) => e.event)).toEqual([]);
  });

  it("refuses a subscription to another block's stream instead of widening or emptying it", async () => {
    const sup = await callerFor("sup.sultanganj");
    const pirpainti = await blockIdOf("Pirpainti");
    const attempt = async () => {
      const iterable = (await sup.events.onChange({ blockId: pirpainti })) as AsyncIterable<StreamEvent>;
      for await (const event of iterable) return event;
    };
    await expect(attempt()).rejects.toSatisfy((e) => e instanceof TRPCError && e.code === "NOT_FOUND");
    const unknown = async () => {
      for await (const event of (await sup.events.onChange({ blockId: 999_999 })) as AsyncIterable<StreamEvent>) return event;
    };
    await expect(unknown()).rejects.toSatisfy((e) => e instanceof TRPCError && e.code === "NOT_FOUND");
    await expect(callerFor(null).then((c) => c.events.onChange())).rejects.toSatisfy((e) => e instanceof TRPCError && e.code === "UNAUTHORIZED");
  });
});

describe("GET /api/v1/events", () => {
  it("streams text/event-stream with type, block and at, scoped like the backlog API", async () => {
    const abort = new AbortController();
    const res = await getEvents(request("/api/v1/events?block=pirpainti", "sup.pirpainti", { signal: abort.signal }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (pattern: RegExp) => {
      const end = performance.now() + 3_000;
      while (!pattern.test(text) && performance.now() < end) {
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 200))]);
        if (chunk && !chunk.done) text += decoder.decode(chunk.value);
      }
    };
    await readUntil(/event: sync/);
    const id = await onePendingPirpaintiRecord();
    await postStatus(
      request("/api/v1/records/status", "op.pirpainti", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ items: [{ id, status: "ENTERED", portalRef: "CWN-7700000002" }] }) }),
    );
    await readUntil(/event: record\.status/);
    abort.abort();
    await reader.cancel().catch(() => undefined);
    const message = text.split("\n\n").find((m) => m.includes("event: record.status"))!;
    const data = JSON.parse(message.split("\n").find((l) => l.startsWith("data: "))!.slice(6)) as Record<string, unknown>;
    expect(data).toMatchObject({ type: "record.status", block: "Pirpainti" });
    expect(new Date(String(data.at)).getTime()).toBeGreaterThan(0);
  });

  it("finds neither another block nor an unknown one (404), and refuses unknown parameters (400)", async () => {
    expect((await getEvents(request("/api/v1/events?block=pirpainti", "sup.sultanganj"))).status).toBe(404);
    expect((await getEvents(request("/api/v1/events?block=atlantis", "dio"))).status).toBe(404);
    expect((await getEvents(request("/api/v1/events?since=1", "dio"))).status).toBe(400);
  });
});
