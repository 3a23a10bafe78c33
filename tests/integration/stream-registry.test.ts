import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createEventBus, type EventBus } from "@/server/events/event-bus";
import { streamEvents } from "@/server/events/event-stream";
import { EVENT_CHANNEL, type StreamEvent } from "@/server/events/live-event";
import type { Scope } from "@/server/auth/scope";
import { blockIdOf, blockScope, districtScope, scopeOfUser, testDb } from "@/tests/helpers/callers";

let bus: EventBus;

beforeAll(async () => {
  bus = createEventBus(inject("databaseUrl"));
  await bus.ready();
});
afterAll(() => bus.close());

/** An open stream, as a page or wall screen holds one: every event it yields, until aborted. */
function open(scope: Scope, signal: AbortSignal, onlyBlockId?: number) {
  const events: StreamEvent[] = [];
  const done = (async () => {
    for await (const event of streamEvents(bus, scope, signal, onlyBlockId)) events.push(event);
  })();
  return { events, done };
}

async function until(check: () => boolean, timeoutMs: number) {
  const end = performance.now() + timeoutMs;
  while (!check() && performance.now() < end) await new Promise((r) => setTimeout(r, 10));
}

describe("live streams fanned out once per scope key", () => {
  it("delivers a block's event once to every stream that may see it and to none of another scope", async () => {
    const abort = new AbortController();
    const pirpainti = await blockScope("Pirpainti");
    const sultanganj = await blockScope("Sultanganj");
    const state = await scopeOfUser("sio.bihar");
    const bhagalpur = await districtScope();
    const banka = await districtScope("Banka");
    const seeing = [
      ...Array.from({ length: 3 }, () => open(pirpainti, abort.signal)),
      ...Array.from({ length: 2 }, () => open(bhagalpur, abort.signal)),
      open(state, abort.signal),
      open(bhagalpur, abort.signal, pirpainti.blockId),
    ];
    const notSeeing = [
      ...Array.from({ length: 2 }, () => open(sultanganj, abort.signal)),
      open(banka, abort.signal),
      open(bhagalpur, abort.signal, sultanganj.blockId),
    ];
    const all = [...seeing, ...notSeeing];
    await until(() => all.every((s) => s.events.length > 0), 5_000);
    for (const s of all) expect(s.events.map((e) => e.type)).toEqual(["sync"]);
    // Streams with the same scope share one key: 11 streams, 7 keys.
    expect(bus.stats()).toMatchObject({ subscribers: 11, keys: 7 });

    const before = bus.stats();
    const payload = { type: "record.status", stateId: pirpainti.stateId, districtId: pirpainti.districtId, blockId: await blockIdOf("Pirpainti"), block: "Pirpainti", at: new Date().toISOString(), count: 1 };
    await testDb().$executeRawUnsafe(`SELECT pg_notify('${EVENT_CHANNEL}', $1)`, JSON.stringify(payload));
    await until(() => seeing.every((s) => s.events.length > 1), 3_000);
    await new Promise((r) => setTimeout(r, 300)); // time for a duplicate or a wrongly routed copy to show up
    abort.abort();
    await Promise.all(all.map((s) => s.done));

    for (const s of seeing) expect(s.events.filter((e) => e.type === "record.status")).toEqual([expect.objectContaining({ block: "Pirpainti", count: 1 })]);
    for (const s of notSeeing) expect(s.events.filter((e) => e.type !== "sync")).toEqual([]);
    const after = bus.stats();
    expect(after.events - before.events).toBe(1);
    expect(after.deliveries - before.deliveries).toBe(seeing.length);
    // Closed streams leave the registry.
    expect(after).toMatchObject({ subscribers: 0, keys: 0 });
  });
});
