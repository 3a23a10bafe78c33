import "server-only";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { replicaLagSeconds } from "@/server/db/replica";

/** How far the figures a page reads may be behind (the read replica's lag); null without a replica. */
export const replicaRouter = createTRPCRouter({
  lag: authorized("self").query(async ({ ctx }) => ({
    configured: Boolean(ctx.replica),
    seconds: await replicaLagSeconds(ctx.primary ?? ctx.db, ctx.replica ?? null),
  })),
});
