import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createTRPCRouter, authedProcedure } from "@/server/api/trpc";
import { assertBlockInScope } from "@/server/api/block-access";
import { getBacklogSummary } from "@/server/services/backlog-summary";
import { listBlockCamps } from "@/server/services/block-camps";
import { findPendingRecords, PENDING_FILTER_BUCKETS, PENDING_SORT_FIELDS } from "@/server/services/pending-records";
import { getPendingHistory, PendingHistoryRangeError } from "@/server/services/pending-history";

const ZBlockId = z.number().int().positive();

export const ZGetSummaryInput = z.object({ blockId: ZBlockId.optional() }).optional();

export const ZFindPendingInput = z
  .object({
  blockId: ZBlockId,
  status: z.enum(["PENDING", "ENTERED", "REJECTED"]).default("PENDING"),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(5).max(200).default(25),
  sort: z.enum(PENDING_SORT_FIELDS).default("vaccinatedAt"),
  direction: z.enum(["asc", "desc"]).default("asc"),
  bucket: z.enum(PENDING_FILTER_BUCKETS).optional(),
  dose: z.union([z.literal(1), z.literal(2)]).optional(),
  siteId: z.number().int().positive().optional(),
  search: z.string().trim().max(80).optional(),
  })
  .refine((q) => q.status === "PENDING" || !q.bucket, { message: "Age filters apply to pending records only.", path: ["bucket"] });

export const ZGetPendingHistoryInput = z
  .object({ from: z.date().optional(), to: z.date().optional(), blockId: ZBlockId.optional() })
  .optional();

export const backlogRouter = createTRPCRouter({
  getSummary: authedProcedure.input(ZGetSummaryInput).query(async ({ ctx, input }) => {
    if (input?.blockId) await assertBlockInScope(ctx.db, ctx.scope, input.blockId);
    return getBacklogSummary(ctx.db, ctx.scope, ctx.now(), input?.blockId);
  }),

  listBlockCamps: authedProcedure.input(z.object({ blockId: ZBlockId })).query(async ({ ctx, input }) => {
    await assertBlockInScope(ctx.db, ctx.scope, input.blockId);
    return listBlockCamps(ctx.db, ctx.scope, ctx.now(), input.blockId);
  }),

  findPendingRecords: authedProcedure.input(ZFindPendingInput).query(async ({ ctx, input }) => {
    await assertBlockInScope(ctx.db, ctx.scope, input.blockId);
    return findPendingRecords(ctx.db, ctx.scope, ctx.now(), input);
  }),

  getPendingHistory: authedProcedure.input(ZGetPendingHistoryInput).query(async ({ ctx, input }) => {
    if (input?.blockId) await assertBlockInScope(ctx.db, ctx.scope, input.blockId);
    try {
      return await getPendingHistory(ctx.db, ctx.scope, ctx.now(), input ?? {});
    } catch (error) {
      if (error instanceof PendingHistoryRangeError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
      throw error;
    }
  }),
});
