import "server-only";
import { AppError } from "@/server/errors/app-error";

/** Deeper than any input of this API: a guard against a crafted body that would recurse for ever. */
const MAX_DEPTH = 32;

/**
 * The path of the first string in `value` that holds a NUL character, or null. PostgreSQL cannot store NUL in
 * text, so such a value would reach the database only to fail there; it is refused before anything is read.
 */
export function nulPath(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "input" : null;
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes("\u0000")) return [...path, "(a field name)"].join(".");
    const found = nulPath(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

export function assertNoNul(value: unknown, field?: string): void {
  const path = nulPath(value);
  if (path !== null) throw new AppError("BAD_REQUEST", "nulCharacter", { field: field ?? path });
}
