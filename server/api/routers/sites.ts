import "server-only";
import { z } from "zod";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { ZId } from "@/core/contracts/ids";
import { confirmSite, listUnconfirmedSites, mergeSite } from "@/server/services/imports/sites";

export const sitesRouter = createTRPCRouter({
  listUnconfirmed: authorized("sites.manage").query(({ ctx }) => listUnconfirmedSites(ctx.db, ctx.scope)),
  confirm: authorized("sites.manage")
    .input(z.object({ id: ZId }))
    .mutation(({ ctx, input }) => confirmSite(ctx.db, ctx.scope, input.id)),
  merge: authorized("sites.manage")
    .input(z.object({ id: ZId, intoId: ZId }))
    .mutation(({ ctx, input }) => mergeSite(ctx.db, ctx.scope, input.id, input.intoId)),
});
