import "server-only";
import { z } from "zod";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { ZId } from "@/core/contracts/ids";
import { resolveOptionalBlock } from "@/server/services/backlog/blocks";
import { getAnomaly, listAnomalies, resolveAnomaly, ZListAnomaliesInput, ZResolveAnomalyInput } from "@/server/services/imports/anomalies";

export const anomaliesRouter = createTRPCRouter({
  list: authorized("dashboard.read")
    .input(ZListAnomaliesInput)
    .query(async ({ ctx, input }) => {
      const block = await resolveOptionalBlock(ctx.db, ctx.scope, input.blockId);
      return listAnomalies(ctx.db, ctx.scope, { ...input, blockId: block?.id });
    }),

  get: authorized("dashboard.read")
    .input(z.object({ id: ZId }))
    .query(({ ctx, input }) => getAnomaly(ctx.db, ctx.scope, input.id)),

  resolve: authorized("anomalies.resolve")
    .input(ZResolveAnomalyInput.extend({ id: ZId }))
    .mutation(({ ctx, input }) => {
      const { id, ...resolution } = input;
      return resolveAnomaly(ctx.db, ctx.scope, ctx.user.id, id, resolution, ctx.now());
    }),
});
