/**
 * Input schemas of probe targets, maintenance windows and date ranges (issue 4), shared by tRPC and /api/v1.
 *
 * Bounds (documented in the API and the README):
 * - intervalSeconds 5–3600 (default 60); timeoutMs 500–30000 and below intervalSeconds × 1000 (default 10000),
 *   so one check always ends before the next is due; slowMs at least 50 and below timeoutMs (default 3000);
 *   retries 0–10 (default 2); expectedStatus 1–20 distinct codes 100–599 (default [200]);
 *   keyword at most 200 characters, and not with HEAD (a HEAD answer has no body to search).
 * - The URL must pass validateTargetUrl (http/https, no credentials, no link-local or cloud-metadata address);
 *   the DNS check (a name resolving to such an address) is asynchronous and done by the service at create and
 *   update, see server/services/probe-targets.ts.
 * Every message says what was wrong and what to do.
 */
import "server-only";
import { z } from "zod";
import { validateTargetUrl } from "@/server/services/probes/target-url";
import { ZId } from "@/core/contracts/ids";
import { keyedIssue } from "@/core/errors/english";

export const PROBE_TARGET_LIMITS = {
  nameMax: 80,
  keywordMax: 200,
  intervalSeconds: { min: 5, max: 3600, default: 60 },
  timeoutMs: { min: 500, max: 30_000, default: 10_000 },
  slowMs: { min: 50, default: 3000 },
  retries: { min: 0, max: 10, default: 2 },
  expectedStatusMax: 20,
} as const;

const L = PROBE_TARGET_LIMITS;

const ZName = z
  .string({ error: "name is required: a short label such as \"National portal\"." })
  .trim()
  .min(1, "name must not be empty: give the target a short label such as \"National portal\".")
  .max(L.nameMax, `name is longer than ${L.nameMax} characters; shorten it.`);

export const ZTargetUrl = z
  .string({ error: "url is required: the full address to check, starting with http:// or https://." })
  .trim()
  .superRefine((raw, ctx) => {
    const verdict = validateTargetUrl(raw);
    if (!verdict.ok) ctx.addIssue(keyedIssue("urlRefused", { field: "url", reason: verdict.reason }));
  });

const ZMethod = z.enum(["GET", "HEAD"], { error: "method must be \"GET\" or \"HEAD\"." });

const ZExpectedStatus = z
  .array(
    z
      .number({ error: "expectedStatus must hold HTTP status codes (numbers such as 200)." })
      .int("expectedStatus codes must be whole numbers such as 200.")
      .min(100, "expectedStatus codes must be between 100 and 599.")
      .max(599, "expectedStatus codes must be between 100 and 599."),
    { error: "expectedStatus must be a list of HTTP status codes, e.g. [200]." },
  )
  .min(1, "expectedStatus must list at least one status code, e.g. [200].")
  .max(L.expectedStatusMax, `expectedStatus may list at most ${L.expectedStatusMax} codes.`)
  .transform((codes) => [...new Set(codes)].sort((a, b) => a - b));

const ZKeyword = z
  .string({ error: "keyword must be text or null." })
  .max(L.keywordMax, `keyword is longer than ${L.keywordMax} characters; use a shorter phrase that the page always contains.`)
  .nullable()
  .transform((k) => (k === null || k.trim() === "" ? null : k));

const intIn = (field: string, min: number, max: number, unit: string) =>
  z
    .number({ error: `${field} must be a number (${unit}).` })
    .int(`${field} must be a whole number (${unit}).`)
    .min(min, `${field} must be at least ${min} ${unit}.`)
    .max(max, `${field} must be at most ${max} ${unit}.`);

const ZInterval = intIn("intervalSeconds", L.intervalSeconds.min, L.intervalSeconds.max, "seconds");
const ZTimeout = intIn("timeoutMs", L.timeoutMs.min, L.timeoutMs.max, "milliseconds");
const ZSlow = intIn("slowMs", L.slowMs.min, L.timeoutMs.max, "milliseconds");
const ZRetries = intIn("retries", L.retries.min, L.retries.max, "retries");
const ZEnabled = z.boolean({ error: "enabled must be true or false." });

const fields = {
  name: ZName,
  url: ZTargetUrl,
  method: ZMethod,
  expectedStatus: ZExpectedStatus,
  keyword: ZKeyword,
  intervalSeconds: ZInterval,
  timeoutMs: ZTimeout,
  slowMs: ZSlow,
  retries: ZRetries,
  enabled: ZEnabled,
};

export type ProbeTargetConfig = {
  name: string;
  url: string;
  method: "GET" | "HEAD";
  expectedStatus: number[];
  keyword: string | null;
  intervalSeconds: number;
  timeoutMs: number;
  slowMs: number;
  retries: number;
  enabled: boolean;
};

export const PROBE_TARGET_FIELDS = Object.keys(fields) as (keyof ProbeTargetConfig)[];

/** A rule between fields that a configuration breaks: where, and the message key with its figures. */
export type CrossFieldIssue = {
  path: keyof ProbeTargetConfig;
  key: "probeTimeoutVsInterval" | "probeSlowVsTimeout" | "probeKeywordHead";
  params: Record<string, number>;
};

/** The rules between fields, checked on a whole configuration (created, or merged with a patch). */
export function crossFieldProblems(c: Pick<ProbeTargetConfig, "method" | "keyword" | "intervalSeconds" | "timeoutMs" | "slowMs">): CrossFieldIssue[] {
  const issues: CrossFieldIssue[] = [];
  if (c.timeoutMs >= c.intervalSeconds * 1000) issues.push({ path: "timeoutMs", key: "probeTimeoutVsInterval", params: { timeout: c.timeoutMs, interval: c.intervalSeconds * 1000 } });
  if (c.slowMs >= c.timeoutMs) issues.push({ path: "slowMs", key: "probeSlowVsTimeout", params: { slow: c.slowMs, timeout: c.timeoutMs } });
  if (c.method === "HEAD" && c.keyword !== null) issues.push({ path: "keyword", key: "probeKeywordHead", params: {} });
  return issues;
}

export const ZProbeTargetInput = z
  .strictObject({
    name: fields.name,
    url: fields.url,
    method: fields.method.default("GET"),
    expectedStatus: fields.expectedStatus.default([200]),
    keyword: fields.keyword.default(null),
    intervalSeconds: fields.intervalSeconds.default(L.intervalSeconds.default),
    timeoutMs: fields.timeoutMs.default(L.timeoutMs.default),
    slowMs: fields.slowMs.default(L.slowMs.default),
    retries: fields.retries.default(L.retries.default),
    enabled: fields.enabled.default(true),
  })
  .superRefine((c, ctx) => {
    // Each issue names its message key: the API says it in English, the browser in the reader's language.
    for (const issue of crossFieldProblems(c)) ctx.addIssue({ ...keyedIssue(issue.key, issue.params), path: [issue.path] });
  });

export type ProbeTargetInput = z.output<typeof ZProbeTargetInput>;

/**
 * PATCH: any subset of the fields (at least one). The rules between fields are checked by the service against
 * the stored target merged with the patch (`crossFieldProblems`).
 */
export const ZProbeTargetPatch = z
  .strictObject({
    name: fields.name.optional(),
    url: fields.url.optional(),
    method: fields.method.optional(),
    expectedStatus: fields.expectedStatus.optional(),
    keyword: fields.keyword.optional(),
    intervalSeconds: fields.intervalSeconds.optional(),
    timeoutMs: fields.timeoutMs.optional(),
    slowMs: fields.slowMs.optional(),
    retries: fields.retries.optional(),
    enabled: fields.enabled.optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: `Send at least one field to change: ${PROBE_TARGET_FIELDS.join(", ")}.` });

export type ProbeTargetPatch = z.output<typeof ZProbeTargetPatch>;

export const MAINTENANCE_MAX_DAYS = 31;

export const ZMaintenanceWindowInput = z
  .strictObject({
    targetId: ZId,
    startsAt: z.coerce.date({ error: "startsAt must be a date and time (ISO 8601, e.g. 2021-06-24T22:00:00+05:30)." }),
    endsAt: z.coerce.date({ error: "endsAt must be a date and time (ISO 8601, e.g. 2021-06-25T02:00:00+05:30)." }),
    reason: z
      .string({ error: "reason is required: say what the maintenance is for." })
      .trim()
      .min(1, "reason must not be empty: say what the maintenance is for.")
      .max(200, "reason is longer than 200 characters; shorten it."),
  })
  .superRefine((w, ctx) => {
    if (w.endsAt.getTime() <= w.startsAt.getTime()) {
      ctx.addIssue({ ...keyedIssue("maintenanceReversed"), path: ["endsAt"] });
    } else if (w.endsAt.getTime() - w.startsAt.getTime() > MAINTENANCE_MAX_DAYS * 86_400_000) {
      ctx.addIssue({ ...keyedIssue("maintenanceTooLong", { max: MAINTENANCE_MAX_DAYS }), path: ["endsAt"] });
    }
  });

export type MaintenanceWindowInput = z.output<typeof ZMaintenanceWindowInput>;

export const MAX_RANGE_DAYS = 400;

export type RangeProblem = { key: "rangeInvalid" | "rangeReversed" | "rangeTooLong"; params: Record<string, number> };

/** Why a date range is refused (a message key with its figures), or null. */
export function rangeProblem(from: Date, to: Date): RangeProblem | null {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return { key: "rangeInvalid", params: {} };
  if (to.getTime() <= from.getTime()) return { key: "rangeReversed", params: {} };
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) return { key: "rangeTooLong", params: { max: MAX_RANGE_DAYS } };
  return null;
}

const ZDate = (field: string) => z.coerce.date({ error: `${field} must be a date and time (ISO 8601).` });

export const ZRangeInput = z
  .object({ id: ZId, from: ZDate("from"), to: ZDate("to") })
  .superRefine((r, ctx) => {
    const problem = rangeProblem(r.from, r.to);
    if (problem) ctx.addIssue({ ...keyedIssue(problem.key, problem.params), path: ["to"] });
  });

/** Incidents: `from` and `to` are each optional; given both, the range rules apply. */
export const ZOptionalRangeInput = z
  .object({ id: ZId, from: ZDate("from").optional(), to: ZDate("to").optional() })
  .superRefine((r, ctx) => {
    const problem = r.from && r.to ? rangeProblem(r.from, r.to) : null;
    if (problem) ctx.addIssue({ ...keyedIssue(problem.key, problem.params), path: ["to"] });
  });

/** One field report ("can this block HQ reach the portal?"), as the browser probe and the script send it. */
export const ZFieldReport = z.strictObject({
  ok: z.boolean({ error: "ok must be true (the portal answered) or false (it did not)." }),
  latencyMs: z
    .number({ error: "latencyMs must be a number of milliseconds." })
    .int("latencyMs must be a whole number of milliseconds.")
    .min(0, "latencyMs cannot be negative.")
    .max(600_000, "latencyMs must be at most 600000 (10 minutes).")
    .nullish(),
  error: z.string({ error: "error must be text." }).trim().max(500, "error is longer than 500 characters; send a short reason.").nullish(),
  targetId: ZId.nullish(),
});

export type FieldReportInput = z.output<typeof ZFieldReport>;

export const FIELD_REACH_MINUTES = { min: 5, max: 7 * 24 * 60, default: 60 } as const;

export const ZFieldReachInput = z
  .object({
    minutes: z
      .number()
      .int("minutes must be a whole number.")
      .min(FIELD_REACH_MINUTES.min, `minutes must be at least ${FIELD_REACH_MINUTES.min}.`)
      .max(FIELD_REACH_MINUTES.max, `minutes must be at most ${FIELD_REACH_MINUTES.max} (7 days).`)
      .optional(),
    /** End of the window (default now). */
    to: z.coerce.date({ error: "to must be a date and time (ISO 8601)." }).optional(),
    /** The central probe to compare with (default: the target the window's reports name most, else the first enabled one). */
    targetId: ZId.optional(),
  })
  .optional();
