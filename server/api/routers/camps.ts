import "server-only";
import { z } from "zod";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { ZId } from "@/core/contracts/ids";
import { isDateKey } from "@/server/services/camps/camp-range";
import { getBlockCamps, getCamp, getMegaCamp, listMegaCamps } from "@/server/services/camps/camp-totals";
import { getCampTrend } from "@/server/services/camps/camp-trend";

const ZDateKey = z.string().max(10).refine(isDateKey, { message: "Write the date as yyyy-mm-dd (a real calendar date)." });

export const ZGetMegaCampInput = z.object({ id: ZId });
export const ZGetBlockCampsInput = z.object({ megaCampId: ZId, blockId: ZId });
export const ZGetCampInput = z.object({ id: ZId });
export const ZGetTrendInput = z.object({
  grain: z.enum(["hour", "day"]).default("day"),
  megaCampId: ZId.optional(),
  blockId: ZId.optional(),
  campId: ZId.optional(),
  from: ZDateKey.optional(),
  to: ZDateKey.optional(),
});

export const campsRouter = createTRPCRouter({
  listMegaCamps: authorized("dashboard.read").query(({ ctx }) => listMegaCamps(ctx.db, ctx.scope)),

  getMegaCamp: authorized("dashboard.read")
    .input(ZGetMegaCampInput)
    .query(({ ctx, input }) => getMegaCamp(ctx.db, ctx.scope, input.id)),

  getBlockCamps: authorized("dashboard.read")
    .input(ZGetBlockCampsInput)
    .query(({ ctx, input }) => getBlockCamps(ctx.db, ctx.scope, input.megaCampId, input.blockId)),

  getCamp: authorized("dashboard.read")
    .input(ZGetCampInput)
    .query(({ ctx, input }) => getCamp(ctx.db, ctx.scope, input.id)),

  getTrend: authorized("dashboard.read")
    .input(ZGetTrendInput)
    .query(({ ctx, input }) => getCampTrend(ctx.db, ctx.scope, ctx.now(), input)),
});
