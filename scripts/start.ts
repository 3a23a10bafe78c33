/**
 * `npm start`: database (embedded unless DATABASE_URL is set) → migrations → demo data → build if the
 * sources changed → `next start`. `--dev` runs `next dev` instead of building. With demo data, the local
 * portal simulator also runs (in this process, on 127.0.0.1:TEEKA_SIM_PORT): the demo's "National portal"
 * target points there, so a demo never probes the internet.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { PROJECT_ROOT, readStartConfig } from "@/scripts/lib/config";
import { prepareDatabase } from "@/scripts/lib/database";
import { isBuildCurrent, markBuilt, sourceFingerprint } from "@/scripts/lib/build-fingerprint";
import { simulatorPort } from "@/server/seed/probe-history";
import { type PortalSimulator, startPortalSimulator } from "@/scripts/lib/portal-simulator";

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
  const simPort = config.demoData ? simulatorPort() : null;
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
  const running: { server?: ReturnType<typeof runNext>; simulator?: PortalSimulator | null } = {};
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const server = running.server;
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await waitFor(server);
    }
    await running.simulator?.close();
    await database.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  if (simPort !== null) running.simulator = await startSimulator(simPort);

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

/** The demo target's portal. A taken port is not fatal: the target then shows DOWN, which is the truth. */
async function startSimulator(port: number): Promise<PortalSimulator | null> {
  try {
    const sim = await startPortalSimulator({ port, host: "127.0.0.1", mode: "up" });
    log(`Portal simulator on ${sim.url} (switch modes: curl -X POST ${sim.url}__sim/mode -d '{"mode":"down"}')`);
    return sim;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "EADDRINUSE" ? "the port is in use" : String(error);
    log(`WARNING: portal simulator not started on 127.0.0.1:${port} (${reason}); the demo "National portal" target will report whatever answers there (DOWN if nothing does). Set TEEKA_SIM_PORT to a free port.`);
    return null;
  }
}

main().catch((error: unknown) => {
  console.error(`[teeka] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
