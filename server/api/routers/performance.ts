import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createTRPCRouter, authedProcedure } from "@/server/api/trpc";
import { assertBlockInScope } from "@/server/api/block-access";
import { getTimeliness, TimelinessRangeError } from "@/server/services/timeliness";
import { getBlockForecasts } from "@/server/services/burn-down";

const ZBlockId = z.number().int().positive();

export const ZGetTimelinessInput = z
  .object({ from: z.date().optional(), to: z.date().optional(), blockId: ZBlockId.optional() })
  .optional();

export const ZGetBlockForecastInput = z.object({ blockId: ZBlockId });

export const performanceRouter = createTRPCRouter({
  /** Entry timeliness per block and operator for vaccinations in [from, to) (default: the last 30 days). */
  getTimeliness: authedProcedure.input(ZGetTimelinessInput).query(async ({ ctx, input }) => {
    if (input?.blockId) await assertBlockInScope(ctx.db, ctx.scope, input.blockId);
    try {
      return await getTimeliness(ctx.db, ctx.scope, ctx.now(), input ?? {});
    } catch (error) {
      if (error instanceof TimelinessRangeError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
      throw error;
    }
  }),

  /** One burn-down forecast per block in the caller's scope. */
  getForecasts: authedProcedure.query(({ ctx }) => getBlockForecasts(ctx.db, ctx.scope, ctx.now())),

  getBlockForecast: authedProcedure.input(ZGetBlockForecastInput).query(async ({ ctx, input }) => {
    await assertBlockInScope(ctx.db, ctx.scope, input.blockId);
    const list = await getBlockForecasts(ctx.db, ctx.scope, ctx.now(), input.blockId);
    const block = list.blocks[0];
    if (!block) throw new TRPCError({ code: "NOT_FOUND", message: `There is no block with id ${input.blockId}.` });
    return { generatedAt: list.generatedAt, rateWindowWorkingHours: list.rateWindowWorkingHours, ...block };
  }),
});
