import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const INPUTS = ["app", "server", "next.config.mjs", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];

function walk(target: string, files: string[]): void {
  if (!existsSync(target)) return;
  if (statSync(target).isDirectory()) {
    for (const entry of readdirSync(target).sort()) walk(path.join(target, entry), files);
  } else {
    files.push(target);
  }
}

/** A hash of everything the production build depends on, so `npm start` rebuilds only when needed. */
export function sourceFingerprint(root: string): string {
  const files: string[] = [];
  for (const input of INPUTS) walk(path.join(root, input), files);
  const hash = createHash("sha256");
  for (const file of files) hash.update(path.relative(root, file)).update(readFileSync(file));
  return hash.digest("hex");
}

const STAMP = path.join(".next", "teeka-build-fingerprint");

export function isBuildCurrent(root: string, fingerprint: string): boolean {
  const stamp = path.join(root, STAMP);
  return existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint;
}

export function markBuilt(root: string, fingerprint: string): void {
  writeFileSync(path.join(root, STAMP), fingerprint);
}
