import "server-only";
import { appConfig } from "@/server/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/generated/prisma/client";

export type Db = PrismaClient;

export function createDb(databaseUrl: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 10 }) });
}

const globalForDb = globalThis as unknown as { teekaDb?: Db };

/** One client per process (Next.js dev reloads modules, so it is kept on globalThis). */
export function getDb(): Db {
  globalForDb.teekaDb ??= createDb(appConfig().DATABASE_URL);
  return globalForDb.teekaDb;
}
