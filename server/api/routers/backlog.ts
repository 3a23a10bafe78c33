import "server-only";
import { z } from "zod";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { ZId } from "@/core/contracts/ids";
import { AppError } from "@/server/errors/app-error";
import { resolveBlock, resolveOptionalBlock } from "@/server/services/backlog/blocks";
import { listBlockCamps } from "@/server/services/backlog/block-camps";
import { findPendingRecords, PENDING_FILTER_BUCKETS, PENDING_SORT_FIELDS } from "@/server/services/backlog/pending-records";
import { backlogSummaryOf, pendingHistoryOf } from "@/server/services/read-models/dashboard-read-models";

export const ZGetSummaryInput = z.object({ blockId: ZId.optional() }).optional();

export const ZFindPendingInput = z.object({
  blockId: ZId,
  status: z.enum(["PENDING", "ENTERED", "REJECTED"]).default("PENDING"),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(5).max(200).default(25),
  sort: z.enum(PENDING_SORT_FIELDS).default("vaccinatedAt"),
  direction: z.enum(["asc", "desc"]).default("asc"),
  bucket: z.enum(PENDING_FILTER_BUCKETS).optional(),
  dose: z.union([z.literal(1), z.literal(2)]).optional(),
  siteId: ZId.optional(),
  search: z.string().trim().max(80).optional(),
});

export const ZGetPendingHistoryInput = z.object({ from: z.date().optional(), to: z.date().optional(), blockId: ZId.optional() }).optional();

export const backlogRouter = createTRPCRouter({
  getSummary: authorized("dashboard.read")
    .input(ZGetSummaryInput)
    .query(async ({ ctx, input }) => {
      const block = await resolveOptionalBlock(ctx.db, ctx.scope, input?.blockId);
      return backlogSummaryOf(ctx.db, ctx.scope, ctx.now(), block?.id);
    }),

  listBlockCamps: authorized("dashboard.read")
    .input(z.object({ blockId: ZId }))
    .query(async ({ ctx, input }) => {
      const block = await resolveBlock(ctx.db, ctx.scope, input.blockId);
      return listBlockCamps(ctx.db, ctx.scope, ctx.now(), block.id);
    }),

  findPendingRecords: authorized("dashboard.read")
    .input(ZFindPendingInput)
    .query(async ({ ctx, input }) => {
      if (input.status !== "PENDING" && input.bucket) throw new AppError("BAD_REQUEST", "bucketNeedsPending");
      const block = await resolveBlock(ctx.db, ctx.scope, input.blockId);
      return findPendingRecords(ctx.db, ctx.scope, ctx.now(), { ...input, blockId: block.id });
    }),

  getPendingHistory: authorized("dashboard.read")
    .input(ZGetPendingHistoryInput)
    .query(async ({ ctx, input }) => {
      const block = await resolveOptionalBlock(ctx.db, ctx.scope, input?.blockId);
      return pendingHistoryOf(ctx.db, ctx.scope, ctx.now(), { ...input, blockId: block?.id });
    }),
});
