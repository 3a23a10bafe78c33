/**
 * Portal uptime probes (issue 4). Targets are a state's, shared by its districts: reads are open to every
 * signed-in role of the state (the portal's health concerns every district); target, maintenance and alert-setting
 * writes are the state officer's. Field reports
 * come from users with a block, for that block only.
 */
import "server-only";
import { z } from "zod";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { ZId } from "@/core/contracts/ids";
import {
  ZFieldReachInput,
  ZFieldReport,
  ZMaintenanceWindowInput,
  ZOptionalRangeInput,
  ZProbeTargetInput,
  ZProbeTargetPatch,
  ZRangeInput,
} from "@/server/services/probes/probe-target-schema";
import { AppError } from "@/server/errors/app-error";
import { requireStateOf } from "@/server/auth/scope";
import { getAlertSettings, setAlertSettings, ZAlertSettingsInput } from "@/server/services/alerts/alert-settings";
import { listAlerts, ALERTS_MAX_LIMIT } from "@/server/services/alerts/alerts-feed";
import { assertBrowserReportAllowed, getFieldReach, recordFieldReports } from "@/server/services/probes/field-reach";
import { getLatencySeries, getTimeline, listIncidents } from "@/server/services/probes/probe-history";
import { listFieldOutages } from "@/server/services/probes/field-outages";
import { getProbeStatus, listProbeStatuses } from "@/server/services/probes/probe-status";
import { getPortalState } from "@/server/services/probes/portal-state";
import { getProbeReport, PROBE_REPORT_DAYS } from "@/server/services/probes/probe-report";
import {
  assertProbeTargetInScope,
  assertUrlReachableSafely,
  createMaintenanceWindow,
  createProbeTarget,
  deleteMaintenanceWindow,
  listMaintenanceWindows,
  updateProbeTarget,
} from "@/server/services/probes/probe-targets";

const ZTargetRef = z.object({ id: ZId });

export const probesRouter = createTRPCRouter({
  /** The header's "is the portal up?" for every page: the worst target state, since when, and the block's own reach. */
  getPortalState: authorized("dashboard.read").query(({ ctx }) => getPortalState(ctx.db, ctx.scope, ctx.now())),

  listTargets: authorized("dashboard.read").query(({ ctx }) => listProbeStatuses(ctx.db, ctx.scope, ctx.now())),

  getTarget: authorized("dashboard.read")
    .input(ZTargetRef)
    .query(async ({ ctx, input }) => {
      const status = await getProbeStatus(ctx.db, ctx.scope, input.id, ctx.now());
      if (!status) throw new AppError("NOT_FOUND", "probeTargetNotFound", { id: input.id });
      return status;
    }),

  getLatencySeries: authorized("dashboard.read")
    .input(ZRangeInput)
    .query(async ({ ctx, input }) => {
      await assertProbeTargetInScope(ctx.db, ctx.scope, input.id);
      return getLatencySeries(ctx.db, input.id, { from: input.from, to: input.to }, ctx.now());
    }),

  getTimeline: authorized("dashboard.read")
    .input(ZRangeInput)
    .query(async ({ ctx, input }) => {
      await assertProbeTargetInScope(ctx.db, ctx.scope, input.id);
      return getTimeline(ctx.db, input.id, { from: input.from, to: input.to }, ctx.now());
    }),

  /** The printable availability report of one target over the last 1, 7, 14 or 30 days. */
  getReport: authorized("dashboard.read")
    .input(z.object({ id: ZId, days: z.union(PROBE_REPORT_DAYS.map((d) => z.literal(d))).default(7) }))
    .query(({ ctx, input }) => getProbeReport(ctx.db, ctx.scope, input.id, input.days, ctx.now())),

  listIncidents: authorized("dashboard.read")
    .input(ZOptionalRangeInput)
    .query(async ({ ctx, input }) => {
      await assertProbeTargetInScope(ctx.db, ctx.scope, input.id);
      return listIncidents(ctx.db, input.id, { from: input.from, to: input.to }, ctx.now());
    }),

  createTarget: authorized("probes.manage")
    .input(ZProbeTargetInput)
    .mutation(({ ctx, input }) => createProbeTarget(ctx.db, ctx.scope, input, ctx.user.id)),

  updateTarget: authorized("probes.manage")
    .input(z.object({ id: ZId, patch: ZProbeTargetPatch }))
    .mutation(({ ctx, input }) => updateProbeTarget(ctx.db, ctx.scope, input.id, input.patch)),

  listMaintenance: authorized("dashboard.read")
    .input(ZTargetRef)
    .query(({ ctx, input }) => listMaintenanceWindows(ctx.db, ctx.scope, input.id, ctx.now())),

  createMaintenance: authorized("probes.manage")
    .input(ZMaintenanceWindowInput)
    .mutation(({ ctx, input }) => createMaintenanceWindow(ctx.db, ctx.scope, input, ctx.user.id, ctx.now())),

  deleteMaintenance: authorized("probes.manage")
    .input(ZTargetRef)
    .mutation(({ ctx, input }) => deleteMaintenanceWindow(ctx.db, ctx.scope, input.id)),

  getAlertSettings: authorized("probes.manage").query(({ ctx }) => getAlertSettings(ctx.db, requireStateOf(ctx.scope))),

  setAlertSettings: authorized("probes.manage")
    .input(ZAlertSettingsInput)
    .mutation(async ({ ctx, input }) => {
      if (input.webhookUrl) await assertUrlReachableSafely(input.webhookUrl, undefined, "webhookUrl");
      return setAlertSettings(ctx.db, requireStateOf(ctx.scope), input);
    }),

  listAlerts: authorized("dashboard.read")
    .input(z.object({ limit: z.number().int().min(1).max(ALERTS_MAX_LIMIT).optional() }).optional())
    .query(({ ctx, input }) => listAlerts(ctx.db, ctx.scope, input?.limit)),

  getFieldReach: authorized("dashboard.read")
    .input(ZFieldReachInput)
    .query(async ({ ctx, input }) => {
      if (input?.targetId !== undefined) await assertProbeTargetInScope(ctx.db, ctx.scope, input.targetId);
      return getFieldReach(ctx.db, ctx.scope, ctx.now(), input ?? {});
    }),

  /** Stretches in which a block HQ could not reach the portal, each with its cause (portal or block network). */
  listFieldOutages: authorized("dashboard.read")
    .input(z.object({ days: z.number().int().min(1, "days must be at least 1.").max(30, "days must be at most 30.").default(7) }).optional())
    .query(({ ctx, input }) => listFieldOutages(ctx.db, ctx.scope, ctx.now(), { days: input?.days ?? 7 })),

  /** The in-browser field probe: the block is the signed-in user's, never the input's. */
  reportField: authorized("probes.reportField")
    .input(ZFieldReport)
    .mutation(async ({ ctx, input }) => {
      if (ctx.scope.kind !== "block") throw new AppError("FORBIDDEN", "fieldNeedsBlockUser");
      const { blockId, districtId, stateId } = ctx.scope;
      const now = ctx.now();
      await assertBrowserReportAllowed(ctx.db, ctx.user.id, now);
      const block = { id: blockId, districtId, stateId };
      const result = await recordFieldReports(ctx.db, { block, reportedById: ctx.user.id, source: "BROWSER", now, reports: [{ ...input, checkedAt: now }] });
      return { stored: result.stored, blockId, checkedAt: now };
    }),
});
