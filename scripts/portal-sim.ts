/**
 * `npm run portal-sim -- --port 4010 --mode up [--host 127.0.0.1] [--slow-ms 2500]`
 * Runs the local portal simulator until SIGINT/SIGTERM. Switch modes while it runs with
 * `curl -X POST localhost:4010/__sim/mode -d '{"mode":"down"}'`.
 */
import { parseArgs } from "node:util";
import { SIM_MODES, ZSimMode, startPortalSimulator } from "@/scripts/lib/portal-simulator";

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      mode: { type: "string", default: "up" },
      "slow-ms": { type: "string", default: "2500" },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0-65535, got ${values.port}`);
  const slowDelayMs = Number(values["slow-ms"]);
  if (!Number.isFinite(slowDelayMs) || slowDelayMs < 0) fail(`--slow-ms must be a non-negative number`);
  const mode = ZSimMode.safeParse(values.mode);
  if (!mode.success) fail(`--mode must be one of: ${SIM_MODES.join(", ")}`);

  const sim = await startPortalSimulator({
    port,
    host: values.host,
    mode: mode.data,
    slowDelayMs,
    onModeChange: ({ from, to, via }) => console.log(`${new Date().toISOString()} mode ${from} -> ${to} (${via})`),
  });
  console.log(`${new Date().toISOString()} portal simulator on ${sim.url} in mode ${sim.mode()}`);
  console.log(`modes: ${SIM_MODES.join(", ")}; switch with POST ${sim.url}__sim/mode {"mode":"down"}`);

  const stop = (signal: string) => {
    console.log(`${new Date().toISOString()} ${signal}: stopping`);
    void sim.close().then(() => process.exit(0));
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
