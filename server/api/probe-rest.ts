import "server-only";
import type { z } from "zod";
import { problem } from "@/server/api/rest";
import { PROBE_TARGET_FIELDS } from "@/server/api/schemas/probe-target";
import { FieldReportError } from "@/server/services/field-reach";
import type { ProbeTargetStatus } from "@/server/services/probe-status";
import { ProbeTargetError } from "@/server/services/probe-targets";

/** Shared pieces of the /api/v1/probes route handlers. */

export const NO_STORE = { "cache-control": "no-store" } as const;

/** A target as the API shows it: `id`, `state`, the configuration fields, then the figures. */
export function toApiTarget(t: ProbeTargetStatus) {
  return {
    id: t.id,
    state: t.state,
    name: t.name,
    url: t.url,
    method: t.method,
    expectedStatus: t.expectedStatus,
    keyword: t.keyword,
    intervalSeconds: t.intervalSeconds,
    timeoutMs: t.timeoutMs,
    slowMs: t.slowMs,
    retries: t.retries,
    enabled: t.enabled,
    stateSince: t.stateSince,
    lastCheckedAt: t.lastCheckedAt,
    lastLatencyMs: t.lastLatencyMs,
    lastError: t.lastError,
    uptime: t.uptime,
    latency24h: t.latency24h,
    openIncident: t.openIncident,
  };
}

/** Zod issues → one sentence per issue, unknown keys named with the accepted ones. */
export function issuesText(error: z.ZodError, accepted: readonly string[] = PROBE_TARGET_FIELDS, prefix = ""): string {
  return error.issues
    .map((i) => {
      if (i.code === "unrecognized_keys") return `${prefix}Unknown field(s): ${i.keys.join(", ")}; the accepted fields are ${accepted.join(", ")}.`;
      const where = i.path.length && !i.message.startsWith(String(i.path[0])) ? `${i.path.join(".")}: ` : "";
      return `${prefix}${where}${i.message}`;
    })
    .join(" ");
}

export function serviceProblem(error: unknown): Response {
  if (error instanceof ProbeTargetError) return problem(error.code === "NOT_FOUND" ? 404 : error.code === "CONFLICT" ? 409 : 400, error.message);
  if (error instanceof FieldReportError) return problem(error.code === "TOO_MANY_REQUESTS" ? 429 : 400, error.message);
  throw error;
}

/** A path id: "12" → 12; anything else → a 400 response. */
export async function targetIdFrom(params: Promise<{ id: string }>): Promise<number | Response> {
  const raw = (await params).id;
  const id = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(id) || id <= 0) return problem(400, `The probe id must be a positive whole number, not "${raw}".`);
  return id;
}

/** Query parameters, each at most once and only from `allowed`; otherwise a 400 response. */
export function queryParams(req: Request, allowed: readonly string[]): Record<string, string> | Response {
  const url = new URL(req.url);
  const keys = [...url.searchParams.keys()];
  if (new Set(keys).size !== keys.length) return problem(400, "Each query parameter may appear once.");
  const unknown = keys.filter((k) => !allowed.includes(k));
  if (unknown.length) {
    return problem(400, `Unknown parameter(s): ${unknown.join(", ")}; ${allowed.length ? `only ${allowed.map((a) => `"${a}"`).join(", ")} ${allowed.length === 1 ? "is" : "are"} accepted` : "none are accepted"}.`);
  }
  return Object.fromEntries(url.searchParams);
}
