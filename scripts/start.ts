/**
 * `npm start`: database (embedded unless DATABASE_URL is set) → migrations → demo data → build if the
 * sources changed → `next start`. `--dev` runs `next dev` instead of building.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { PROJECT_ROOT, readStartConfig } from "./lib/config";
import { prepareDatabase } from "./lib/database";
import { isBuildCurrent, markBuilt, sourceFingerprint } from "./lib/build-fingerprint";

const NEXT_BIN = path.join(PROJECT_ROOT, "node_modules", "next", "dist", "bin", "next");
const log = (message: string) => console.log(`[teeka] ${message}`);

function runNext(args: string[], env: NodeJS.ProcessEnv) {
  return spawn(process.execPath, [NEXT_BIN, ...args], { cwd: PROJECT_ROOT, env, stdio: "inherit" });
}

function waitFor(child: ReturnType<typeof runNext>): Promise<number> {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

async function main() {
  const dev = process.argv.includes("--dev");
  const config = readStartConfig();
  const database = await prepareDatabase(config, log);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_URL: config.nextAuthUrl,
    NEXTAUTH_SECRET: config.nextAuthSecret,
    TEEKA_ID_HASH_KEY: config.idHashKey,
    PORT: String(config.port),
  };

  let shuttingDown = false;
  const running: { server?: ReturnType<typeof runNext> } = {};
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const server = running.server;
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await waitFor(server);
    }
    await database.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  if (!dev) {
    const fingerprint = sourceFingerprint(PROJECT_ROOT);
    if (!isBuildCurrent(PROJECT_ROOT, fingerprint)) {
      log("Building the app (once per source change, about a minute)");
      const code = await waitFor(runNext(["build"], { ...env, NEXT_TELEMETRY_DISABLED: "1" }));
      if (code !== 0) return shutdown(code);
      markBuilt(PROJECT_ROOT, fingerprint);
    }
  }
  log(`Serving on http://localhost:${config.port}`);
  running.server = runNext([dev ? "dev" : "start", "-p", String(config.port)], { ...env, NEXT_TELEMETRY_DISABLED: "1" });
  const code = await waitFor(running.server);
  await shutdown(code);
}

main().catch((error: unknown) => {
  console.error(`[teeka] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
