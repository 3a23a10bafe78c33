import { z } from "zod";
import { TRPCError } from "@trpc/server";
import { createTRPCRouter, authedProcedure } from "@/server/api/trpc";
import {
  AnomalyConflictError,
  AnomalyNotFoundError,
  AnomalyResolutionError,
  getAnomaly,
  listAnomalies,
  resolveAnomaly,
  ZListAnomaliesInput,
  ZResolveAnomalyInput,
} from "@/server/services/anomalies";

function asTrpcError(error: unknown): never {
  if (error instanceof AnomalyNotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: error.message });
  if (error instanceof AnomalyConflictError) throw new TRPCError({ code: "CONFLICT", message: error.message });
  if (error instanceof AnomalyResolutionError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
  throw error;
}

export const anomaliesRouter = createTRPCRouter({
  list: authedProcedure.input(ZListAnomaliesInput).query(({ ctx, input }) => listAnomalies(ctx.db, ctx.scope, input)),

  get: authedProcedure.input(z.object({ id: z.number().int().positive() })).query(({ ctx, input }) => getAnomaly(ctx.db, ctx.scope, input.id).catch(asTrpcError)),

  resolve: authedProcedure
    .input(ZResolveAnomalyInput.extend({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => {
      const { id, ...resolution } = input;
      return resolveAnomaly(ctx.db, ctx.scope, ctx.user.id, id, resolution, ctx.now()).catch(asTrpcError);
    }),
});
