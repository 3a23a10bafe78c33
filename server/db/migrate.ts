import "server-only";
import { spawn } from "node:child_process";
import path from "node:path";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "..", "..");

/** Applies the committed migrations with the Prisma CLI (offline WASM engine, see .config/prisma.ts). */
export function migrateDatabase(databaseUrl: string): Promise<void> {
  const cli = path.join(PROJECT_ROOT, "node_modules", "prisma", "build", "index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], {
      cwd: PROJECT_ROOT,
      // The CLI child inherits this process's environment (PATH, HOME…); nothing is read from it here.
      // eslint-disable-next-line no-restricted-syntax
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output}`)),
    );
  });
}
