/**
 * Portal uptime probes (issue 4). Reads are open to every signed-in role (the portal's health is a
 * district-wide fact); target, maintenance and alert-setting writes are the district officer's. Field reports
 * come from users with a block, for that block only.
 */
import { z } from "zod";
import { TRPCError } from "@trpc/server";
import { createTRPCRouter, authedProcedure, roleProcedure } from "@/server/api/trpc";
import {
  ZFieldReachInput,
  ZFieldReport,
  ZMaintenanceWindowInput,
  ZOptionalRangeInput,
  ZProbeTargetInput,
  ZProbeTargetPatch,
  ZRangeInput,
} from "@/server/api/schemas/probe-target";
import { getAlertSettings, setAlertSettings, ZAlertSettingsInput } from "@/server/services/alert-settings";
import { listAlerts, ALERTS_MAX_LIMIT } from "@/server/services/alerts-feed";
import { assertBrowserReportAllowed, FieldReportError, getFieldReach, recordFieldReports } from "@/server/services/field-reach";
import { getLatencySeries, getTimeline, listIncidents } from "@/server/services/probe-history";
import { listFieldOutages } from "@/server/services/field-outages";
import { getProbeStatus, listProbeStatuses } from "@/server/services/probe-status";
import {
  assertUrlReachableSafely,
  createMaintenanceWindow,
  createProbeTarget,
  deleteMaintenanceWindow,
  listMaintenanceWindows,
  ProbeTargetError,
  updateProbeTarget,
} from "@/server/services/probe-targets";
import type { Db } from "@/server/db/client";

const dioProcedure = roleProcedure("DISTRICT_OFFICER");
const ZId = z.object({ id: z.number().int().positive() });

/** Service errors → tRPC errors with the service's message. */
async function mapped<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ProbeTargetError || error instanceof FieldReportError) throw new TRPCError({ code: error.code, message: error.message });
    throw error;
  }
}

async function assertTargetExists(db: Db, id: number): Promise<void> {
  if (!(await db.probeTarget.findUnique({ where: { id }, select: { id: true } }))) {
    throw new TRPCError({ code: "NOT_FOUND", message: `There is no probe target ${id}.` });
  }
}

export const probesRouter = createTRPCRouter({
  listTargets: authedProcedure.query(({ ctx }) => listProbeStatuses(ctx.db, ctx.now())),

  getTarget: authedProcedure.input(ZId).query(async ({ ctx, input }) => {
    const status = await getProbeStatus(ctx.db, input.id, ctx.now());
    if (!status) throw new TRPCError({ code: "NOT_FOUND", message: `There is no probe target ${input.id}.` });
    return status;
  }),

  getLatencySeries: authedProcedure.input(ZRangeInput).query(async ({ ctx, input }) => {
    await assertTargetExists(ctx.db, input.id);
    return getLatencySeries(ctx.db, input.id, { from: input.from, to: input.to }, ctx.now());
  }),

  getTimeline: authedProcedure.input(ZRangeInput).query(async ({ ctx, input }) => {
    await assertTargetExists(ctx.db, input.id);
    return getTimeline(ctx.db, input.id, { from: input.from, to: input.to }, ctx.now());
  }),

  listIncidents: authedProcedure.input(ZOptionalRangeInput).query(async ({ ctx, input }) => {
    await assertTargetExists(ctx.db, input.id);
    return listIncidents(ctx.db, input.id, { from: input.from, to: input.to }, ctx.now());
  }),

  createTarget: dioProcedure.input(ZProbeTargetInput).mutation(({ ctx, input }) => mapped(() => createProbeTarget(ctx.db, input, ctx.user.id))),

  updateTarget: dioProcedure
    .input(z.object({ id: z.number().int().positive(), patch: ZProbeTargetPatch }))
    .mutation(({ ctx, input }) => mapped(() => updateProbeTarget(ctx.db, input.id, input.patch))),

  listMaintenance: authedProcedure.input(ZId).query(({ ctx, input }) => mapped(() => listMaintenanceWindows(ctx.db, input.id, ctx.now()))),

  createMaintenance: dioProcedure.input(ZMaintenanceWindowInput).mutation(({ ctx, input }) => mapped(() => createMaintenanceWindow(ctx.db, input, ctx.user.id, ctx.now()))),

  deleteMaintenance: dioProcedure.input(ZId).mutation(({ ctx, input }) => mapped(() => deleteMaintenanceWindow(ctx.db, input.id))),

  getAlertSettings: dioProcedure.query(({ ctx }) => getAlertSettings(ctx.db)),

  setAlertSettings: dioProcedure.input(ZAlertSettingsInput).mutation(({ ctx, input }) =>
    mapped(async () => {
      if (input.webhookUrl) await assertUrlReachableSafely(input.webhookUrl, undefined, "webhookUrl");
      return setAlertSettings(ctx.db, input);
    }),
  ),

  listAlerts: authedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(ALERTS_MAX_LIMIT).optional() }).optional())
    .query(({ ctx, input }) => listAlerts(ctx.db, ctx.scope, input?.limit)),

  getFieldReach: authedProcedure.input(ZFieldReachInput).query(async ({ ctx, input }) => {
    if (input?.targetId !== undefined) await assertTargetExists(ctx.db, input.targetId);
    return getFieldReach(ctx.db, ctx.scope, ctx.now(), input ?? {});
  }),

  /** Stretches in which a block HQ could not reach the portal, each with its cause (portal or block network). */
  listFieldOutages: authedProcedure
    .input(z.object({ days: z.number().int().min(1, "days must be at least 1.").max(30, "days must be at most 30.").default(7) }).optional())
    .query(({ ctx, input }) => listFieldOutages(ctx.db, ctx.scope, ctx.now(), { days: input?.days ?? 7 })),

  /** The in-browser field probe: the block is the signed-in user's, never the input's. */
  reportField: authedProcedure.input(ZFieldReport).mutation(({ ctx, input }) => {
    if (ctx.scope.kind !== "block") {
      throw new TRPCError({ code: "FORBIDDEN", message: "Field reports come from a block HQ: only block supervisors and data operators send them; the district's own check is the central probe." });
    }
    const { blockId } = ctx.scope;
    const now = ctx.now();
    return mapped(async () => {
      await assertBrowserReportAllowed(ctx.db, ctx.user.id, now);
      const result = await recordFieldReports(ctx.db, { blockId, reportedById: ctx.user.id, source: "BROWSER", now, reports: [{ ...input, checkedAt: now }] });
      return { stored: result.stored, blockId, checkedAt: now };
    });
  }),
});
