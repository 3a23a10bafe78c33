import { inject } from "vitest";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { createDb, type Db } from "@/server/db/client";
import type { SessionUser } from "@/server/auth/current-user";
import { TEST_NOW } from "@/tests/helpers/test-clock";

let db: Db | undefined;

export function testDb(): Db {
  db ??= createDb(inject("databaseUrl"));
  return db;
}

const createCaller = createCallerFactory(appRouter);

/** A tRPC caller acting as `username` (a demo account), or anonymously with null; the clock is pinned (TEST_NOW unless given). */
export async function callerFor(username: string | null, now: Date = TEST_NOW) {
  const user = username ? await loadUser(username) : null;
  return createCaller({ db: testDb(), user, now: () => now });
}

export async function loadUser(username: string): Promise<SessionUser> {
  const u = await testDb().user.findUniqueOrThrow({ where: { username } });
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, blockId: u.blockId, locale: u.locale };
}

export async function blockIdOf(name: string): Promise<number> {
  return (await testDb().block.findUniqueOrThrow({ where: { name } })).id;
}
