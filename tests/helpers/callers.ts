import { inject } from "vitest";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { createDb, type Db } from "@/server/db/client";
import type { SessionUser } from "@/server/auth/current-user";
import { sessionOwnerOf } from "@/server/auth/user-sessions";
import { scopeOf, type Scope } from "@/server/auth/scope";
import type { ImportActor, ImporterPlace } from "@/server/services/imports/import-types";
import { TEST_NOW } from "@/tests/helpers/test-clock";

let db: Db | undefined;

export function testDb(): Db {
  db ??= createDb(inject("databaseUrl"));
  return db;
}

const createCaller = createCallerFactory(appRouter);

/**
 * A tRPC caller acting as `username` (a demo account), or anonymously with null; the clock is pinned (TEST_NOW unless
 * given). `district` is what the app's X-Teeka-District header would say (a state officer's page on one district).
 */
export async function callerFor(username: string | null, now: Date = TEST_NOW, district?: string) {
  const user = username ? await loadUser(username) : null;
  return createCaller({ db: testDb(), user, now: () => now, district: district ?? null });
}

export async function loadUser(username: string): Promise<SessionUser> {
  const u = await testDb().user.findUniqueOrThrow({ where: { username }, include: { district: { select: { stateId: true } } } });
  return sessionOwnerOf(u);
}

/** A demo block's id by name; `district` where the name could be another district's too. */
export async function blockIdOf(name: string, district?: string): Promise<number> {
  return (await testDb().block.findFirstOrThrow({ where: { name, ...(district ? { district: { name: district } } : {}) } })).id;
}

/** A demo district's id by name. */
export async function districtIdOf(name: string): Promise<number> {
  return (await testDb().district.findFirstOrThrow({ where: { name } })).id;
}

/** The scope a demo account works in, as the pipeline computes it. */
export async function scopeOfUser(username: string): Promise<Scope> {
  return scopeOf(testDb(), await loadUser(username));
}

/** A demo district's whole scope (Bhagalpur unless named), as its district officer has it. */
export async function districtScope(name = "Bhagalpur"): Promise<Scope & { kind: "district" }> {
  const d = await testDb().district.findFirstOrThrow({ where: { name } });
  return { kind: "district", stateId: d.stateId, districtId: d.id };
}

/** One block's scope, as its supervisor has it. */
export async function blockScope(name: string, district?: string): Promise<Scope & { kind: "block" }> {
  const b = await testDb().block.findFirstOrThrow({ where: { name, ...(district ? { district: { name: district } } : {}) }, include: { district: true } });
  return { kind: "block", stateId: b.district.stateId, districtId: b.districtId, blockId: b.id };
}

/** A demo account as an importer. */
export async function importActorOf(username: string): Promise<ImportActor> {
  const u = await loadUser(username);
  return { userId: u.id, role: u.role, stateId: u.stateId, districtId: u.districtId, blockId: u.blockId };
}

/** Where an importer's files go (their district, and a data operator's block). */
export function importPlaceOf(actor: ImportActor): ImporterPlace {
  if (actor.districtId === null) throw new Error(`user ${actor.userId} has no district`);
  return { districtId: actor.districtId, blockId: actor.blockId };
}

/** The demo state's id (Bihar): the owner of the probe targets tests create. */
export async function demoStateId(): Promise<number> {
  return (await testDb().state.findFirstOrThrow({ where: { name: "Bihar" } })).id;
}
