import { istMidnightOfKey } from "@/core/time/ist";
import "server-only";
import { z } from "zod";
import { defineRoute } from "@/server/api/rest/route";
import { csvResponse } from "@/server/api/rest/responses";
import { ZIdText } from "@/core/contracts/ids";
import { ZApiProbeTarget, ZFieldReportAnswer, ZIncidentList, ZProbeTargetList } from "@/core/contracts/probes-api";
import { rangeProblem, ZFieldReport, ZProbeTargetInput, ZProbeTargetPatch } from "@/server/services/probes/probe-target-schema";
import { AppError } from "@/server/errors/app-error";
import { incidentsCsvRows } from "@/core/domain/incidents";
import { getProbeStatus, listProbeStatuses, type ProbeTargetStatus } from "@/server/services/probes/probe-status";
import { assertProbeTargetInScope, createProbeTarget, getProbeTargetConfig, updateProbeTarget } from "@/server/services/probes/probe-targets";
import { listIncidents } from "@/server/services/probes/probe-history";
import { recordScriptReports } from "@/server/services/probes/field-script-reports";
import { MAX_REPORTS_PER_REQUEST } from "@/server/services/probes/field-reach";
import type { Db } from "@/server/db/client";
import type { Scope } from "@/server/auth/scope";

/** A target as the API shows it: `id`, `state`, the configuration fields, then the figures. */
function toApiTarget(t: ProbeTargetStatus): z.input<typeof ZApiProbeTarget> {
  return ZApiProbeTarget.strip().parse(JSON.parse(JSON.stringify(t)));
}

async function apiTarget(db: Db, scope: Scope, id: number, now: Date) {
  const status = await getProbeStatus(db, scope, id, now);
  if (!status) throw new AppError("NOT_FOUND", "probeTargetNotFound", { id });
  return toApiTarget(status);
}

const PARAMS = { id: ZIdText };

export const probesListRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/probes",
    operationId: "listProbeTargets",
    summary: "Every probe target with its state and uptime windows (the state's targets: the portal's health concerns every district)",
    tags: ["probes"],
    capability: "dashboard.read",
    responses: { description: "The targets", json: ZProbeTargetList },
  },
  async ({ db, now, scope }) => ({ generatedAt: now.toISOString(), targets: (await listProbeStatuses(db, scope, now)).map(toApiTarget) }),
);

export const probesCreateRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/probes",
    operationId: "createProbeTarget",
    summary: "Add a probe target (state officer): 201 with it, 400 with the reasons, 409 when the name is taken",
    tags: ["probes"],
    capability: "probes.manage",
    body: ZProbeTargetInput,
    maxBodyBytes: 100_000,
    responses: { status: 201, description: "The new target", json: ZApiProbeTarget },
    errors: [409],
  },
  async ({ db, now, user, scope, body }) => {
    const created = await createProbeTarget(db, scope, body, user.id);
    return Response.json(await apiTarget(db, scope, created.id, now), { status: 201, headers: { location: `/api/v1/probes/${created.id}` } });
  },
);

export const probeGetRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/probes/{id}",
    operationId: "getProbeTarget",
    summary: "One probe target with its state and uptime windows",
    tags: ["probes"],
    capability: "dashboard.read",
    params: PARAMS,
    responses: { description: "The target", json: ZApiProbeTarget },
  },
  ({ db, now, scope, params }) => apiTarget(db, scope, params.id, now),
);

export const probePatchRoute = defineRoute(
  {
    method: "PATCH",
    path: "/api/v1/probes/{id}",
    operationId: "updateProbeTarget",
    summary: "Change some fields of a target (state officer); the rules between fields hold for the result",
    tags: ["probes"],
    capability: "probes.manage",
    params: PARAMS,
    body: ZProbeTargetPatch,
    maxBodyBytes: 100_000,
    responses: { description: "The changed target", json: ZApiProbeTarget },
    errors: [409],
  },
  async ({ db, now, scope, params, body }) => {
    if (!(await getProbeTargetConfig(db, scope, params.id))) throw new AppError("NOT_FOUND", "probeTargetNotFound", { id: params.id });
    await updateProbeTarget(db, scope, params.id, body);
    return apiTarget(db, scope, params.id, now);
  },
);

/** ISO 8601 with a date; a time needs an offset (Z or +05:30) so that nobody guesses the zone. */
const ZInstant = (name: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, `${name} must be an ISO 8601 date or date-time with offset, e.g. 2021-06-21 or 2021-06-21T10:00:00+05:30.`)
    .transform((s) => (s.length === 10 ? istMidnightOfKey(s) : new Date(s)))
    .refine((d) => !Number.isNaN(d.getTime()), `${name} is not a real date.`);

export const probeIncidentsRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/probes/{id}/incidents",
    operationId: "listProbeIncidents",
    summary: "The incident log of a target (stretches of DOWN or DEGRADED), oldest first; `format=csv` for a download",
    description: "`from`/`to` keep the incidents that overlap that range; a bare date is midnight IST.",
    tags: ["probes"],
    capability: "dashboard.read",
    params: PARAMS,
    query: { from: ZInstant("from").optional(), to: ZInstant("to").optional(), format: z.enum(["json", "csv"], { error: 'format must be "json" or "csv".' }).default("json") },
    responses: { description: "The incidents", json: ZIncidentList, csv: true },
  },
  async ({ db, now, scope, params, query: { from, to, format } }) => {
    const problem = from && to ? rangeProblem(from, to) : null;
    if (problem) throw new AppError("BAD_REQUEST", problem.key, problem.params);
    await assertProbeTargetInScope(db, scope, params.id);
    const target = await db.probeTarget.findUniqueOrThrow({ where: { id: params.id }, select: { id: true, name: true } });
    const incidents = await listIncidents(db, params.id, { from, to }, now);
    if (format === "csv") {
      const [header, ...rows] = incidentsCsvRows(incidents);
      return csvResponse(`probe-${params.id}-incidents.csv`, header ?? [], rows);
    }
    return { targetId: target.id, name: target.name, generatedAt: now.toISOString(), incidents };
  },
);

const ZScriptReport = ZFieldReport.omit({ targetId: true }).extend({
  checkedAt: z.iso.datetime({ offset: true, error: "checkedAt must be an ISO 8601 date-time with Z or an offset, e.g. 2021-06-21T10:05:00+05:30." }).optional(),
  target: z.number({ error: "target must be a probe target's id (a number)." }).int().min(1).max(2_147_483_647, "target must be a probe target's id.").optional(),
  block: z.string({ error: "block must be a block's name or slug." }).trim().min(1, "block must not be empty.").max(60, "block is longer than 60 characters.").optional(),
});

/**
 * "Can this block HQ reach the portal?", from a small script on a block HQ device (see the README for a cron
 * script). One report, or an array of up to 100 (a device that was offline sends its queue when it reconnects).
 */
export const fieldReportsRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/probes/field",
    operationId: "sendFieldReports",
    summary: "Report whether this block HQ can reach the portal: one report or an array of up to 100",
    description: "Tagged with the token owner's block; a district officer's token names the block in `block`. `checkedAt` (default now) must not be in the future nor older than 24 h. A resend of the same `checkedAt` is skipped.",
    tags: ["probes"],
    capability: "probes.reportField",
    body: ZScriptReport,
    batch: { label: "Report", max: MAX_REPORTS_PER_REQUEST },
    maxBodyBytes: 200_000,
    responses: { status: 201, description: "How many were stored, and how many were resends", json: ZFieldReportAnswer },
  },
  ({ db, scope, user, now, body }) => recordScriptReports(db, scope, user.id, body.items, now, body.isArray),
);
