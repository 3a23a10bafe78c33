import "server-only";
import { createHmac } from "node:crypto";

/** Digits only, so "1234 5678 9012" and "1234-5678-9012" are the same person. */
export function normalizeIdNumber(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}

/**
 * Keyed hash of a full ID number. The full number is never stored; the hash lets the same person's
 * records be matched without it, and the key keeps the 10^12 Aadhaar space from being brute-forced.
 */
export function hashIdNumber(raw: string, key: string): string {
  return createHmac("sha256", key).update(normalizeIdNumber(raw)).digest("hex");
}

export function idLast4(raw: string): string {
  return normalizeIdNumber(raw).slice(-4).padStart(4, "0");
}
