/**
 * A real PostgreSQL primary and a real streaming standby for the replica test, from the distribution's server
 * packages (Debian's postgresql-15: the embedded PostgreSQL ships no pg_basebackup). The standby is made the way
 * an operator makes one: `pg_basebackup -R` from the running primary, then started in hot-standby mode.
 * PostgreSQL refuses to run as root, so as root the binaries run as the `postgres` OS user.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdir, mkdtemp, rm } from "node:fs/promises";
import { userInfo } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "@/scripts/lib/free-port";

const run = promisify(execFile);
const USER = "teeka";
const TOOLS = ["initdb", "pg_ctl", "postgres", "pg_basebackup"] as const;

/** The first installed server (15 to 17) that has everything a standby needs; a clear error when there is none. */
export function postgresBinDir(): string {
  const candidates = ["17", "16", "15"].map((v) => `/usr/lib/postgresql/${v}/bin`);
  const found = candidates.find((dir) => TOOLS.every((tool) => existsSync(path.join(dir, tool))));
  if (found) return found;
  throw new Error(
    `The replica test needs PostgreSQL server binaries with pg_basebackup (${TOOLS.join(", ")}) in one of ${candidates.join(", ")}. ` +
      "Install Debian's server package: apt-get install -y postgresql-15 (CI's .ci/run does this).",
  );
}

type Ids = { uid: number; gid: number } | null;

async function postgresUser(): Promise<Ids> {
  if (userInfo().uid !== 0) return null;
  try {
    const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error("Running as root, the replica test needs a `postgres` OS user to run PostgreSQL as (the postgresql-15 package creates it).");
  }
}

export type StandbyPair = { primaryUrl: string; standbyUrl: string };

/** What was started, so that a test's afterAll can stop it even when the start-up itself failed half-way. */
const running: (() => Promise<void>)[] = [];

/** Stops every server this process started here and removes their data. */
export async function stopStandbyPairs(): Promise<void> {
  while (running.length) await running.pop()!();
}

async function waitUntilAccepting(url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL at ${url} did not accept connections: ${String(err)}`);
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

export async function startPrimaryAndStandby(database: string): Promise<StandbyPair> {
  const bin = postgresBinDir();
  const ids = await postgresUser();
  const root = await mkdtemp("/tmp/teeka-replica-");
  if (ids) await chown(root, ids.uid, ids.gid);
  const tool = async (name: (typeof TOOLS)[number], args: string[]) => {
    const file = path.join(bin, name);
    try {
      // Run from the throwaway folder: the postgres user may not be able to read the project's folder.
      return ids ? await run("runuser", ["-u", "postgres", "--", file, ...args], { cwd: root }) : await run(file, args, { cwd: root });
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`${name} ${args.join(" ")} failed: ${e.stderr || e.message}`);
    }
  };
  const primaryDir = path.join(root, "primary");
  const standbyDir = path.join(root, "standby");
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const serverOptions = (port: number) => `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${root} -c fsync=off`;
  const started: string[] = [];
  const stop = async () => {
    for (const dir of started.reverse()) await tool("pg_ctl", ["-D", dir, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  };
  running.push(stop);
  await mkdir(primaryDir);
  if (ids) await chown(primaryDir, ids.uid, ids.gid);
  // Loopback only, in a throwaway folder: trust authentication keeps the test free of password plumbing.
  await tool("initdb", ["-D", primaryDir, "-U", USER, "--auth=trust", "--no-sync"]);
  await tool("pg_ctl", ["-D", primaryDir, "-l", path.join(root, "primary.log"), "-o", `${serverOptions(primaryPort)} -c wal_level=replica -c max_wal_senders=4`, "-w", "start"]);
  started.push(primaryDir);
  const primaryAdmin = `postgresql://${USER}@127.0.0.1:${primaryPort}/postgres`;
  await waitUntilAccepting(primaryAdmin);
  const admin = new pg.Client({ connectionString: primaryAdmin });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  // -R writes standby.signal and primary_conninfo: the copy starts as a streaming standby of the primary.
  await tool("pg_basebackup", ["-h", "127.0.0.1", "-p", String(primaryPort), "-U", USER, "-D", standbyDir, "-R", "-X", "stream", "--checkpoint=fast", "--no-sync"]);
  await tool("pg_ctl", ["-D", standbyDir, "-l", path.join(root, "standby.log"), "-o", `${serverOptions(standbyPort)} -c hot_standby=on`, "-w", "start"]);
  started.push(standbyDir);
  const standbyUrl = `postgresql://${USER}@127.0.0.1:${standbyPort}/${database}`;
  await waitUntilAccepting(standbyUrl);
  return { primaryUrl: `postgresql://${USER}@127.0.0.1:${primaryPort}/${database}`, standbyUrl };
}
