import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { environment, type Environment } from "@/server/config";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "..", "..");


export type StartConfig = {
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  pgPort: number;
  demoData: boolean;
  nextAuthUrl: string;
  nextAuthSecret: string;
  idHashKey: string;
};

/** What `npm start` needs, read with the app's one configuration schema (server/config.ts). */
export function readStartConfig(env: Environment = environment()): StartConfig {
  const c = env;
  const dataDir = path.resolve(c.TEEKA_DATA_DIR ?? path.join(PROJECT_ROOT, ".data"));
  const secrets = c.NEXTAUTH_SECRET && c.TEEKA_ID_HASH_KEY ? null : localSecrets(dataDir);
  return {
    port: c.PORT,
    databaseUrl: c.DATABASE_URL,
    dataDir,
    pgPort: c.TEEKA_PG_PORT,
    // Demo data comes with the zero-setup database; against a real server only when asked for.
    demoData: c.TEEKA_DEMO_DATA ? c.TEEKA_DEMO_DATA === "1" : !c.DATABASE_URL,
    nextAuthUrl: c.NEXTAUTH_URL ?? `http://localhost:${c.PORT}`,
    nextAuthSecret: c.NEXTAUTH_SECRET ?? secrets!.nextAuthSecret,
    idHashKey: c.TEEKA_ID_HASH_KEY ?? secrets!.idHashKey,
  };
}

type LocalSecrets = { nextAuthSecret: string; idHashKey: string };

/**
 * Secrets generated once per data directory, so a zero-setup install is not running on a published
 * default, and sessions and ID hashes survive restarts. Production sets both variables instead.
 */
function localSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets = { nextAuthSecret: randomBytes(32).toString("hex"), idHashKey: randomBytes(32).toString("hex") };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
