import "server-only";
import { randomBytes } from "node:crypto";

/** A short id for one request, in every log line about it and in the answer (header, and the text of a 500). */
export function newRequestId(): string {
  return randomBytes(6).toString("hex");
}
