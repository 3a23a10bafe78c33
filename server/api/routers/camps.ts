import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createTRPCRouter, authedProcedure } from "@/server/api/trpc";
import { CampQueryError } from "@/server/services/camp-errors";
import { isDateKey } from "@/server/services/camp-range";
import { getBlockCamps, getCamp, getMegaCamp, listMegaCamps } from "@/server/services/camp-totals";
import { getCampTrend } from "@/server/services/camp-trend";

const ZId = z.number().int().positive();
const ZDateKey = z.string().refine(isDateKey, { message: "Write the date as yyyy-mm-dd (a real calendar date)." });

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

/** Runs a service call, turning its refusals (unknown id, other block, bad range) into tRPC errors. */
async function refusing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CampQueryError) throw new TRPCError({ code: error.code, message: error.message });
    throw error;
  }
}

export const campsRouter = createTRPCRouter({
  listMegaCamps: authedProcedure.query(({ ctx }) => refusing(() => listMegaCamps(ctx.db, ctx.scope))),

  getMegaCamp: authedProcedure.input(ZGetMegaCampInput).query(({ ctx, input }) => refusing(() => getMegaCamp(ctx.db, ctx.scope, input.id))),

  getBlockCamps: authedProcedure
    .input(ZGetBlockCampsInput)
    .query(({ ctx, input }) => refusing(() => getBlockCamps(ctx.db, ctx.scope, input.megaCampId, input.blockId))),

  getCamp: authedProcedure.input(ZGetCampInput).query(({ ctx, input }) => refusing(() => getCamp(ctx.db, ctx.scope, input.id))),

  getTrend: authedProcedure.input(ZGetTrendInput).query(({ ctx, input }) => refusing(() => getCampTrend(ctx.db, ctx.scope, ctx.now(), input))),
});
