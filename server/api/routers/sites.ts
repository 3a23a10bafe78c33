import { z } from "zod";
import { TRPCError } from "@trpc/server";
import { createTRPCRouter, roleProcedure } from "@/server/api/trpc";
import { confirmSite, listUnconfirmedSites, mergeSite, SiteMergeError } from "@/server/services/sites";

const dioProcedure = roleProcedure("DISTRICT_OFFICER");
const ZSiteId = z.number().int().positive();

export const sitesRouter = createTRPCRouter({
  listUnconfirmed: dioProcedure.query(({ ctx }) => listUnconfirmedSites(ctx.db)),
  confirm: dioProcedure.input(z.object({ id: ZSiteId })).mutation(({ ctx, input }) => confirmSite(ctx.db, input.id)),
  merge: dioProcedure.input(z.object({ id: ZSiteId, intoId: ZSiteId })).mutation(async ({ ctx, input }) => {
    try {
      await mergeSite(ctx.db, input.id, input.intoId);
    } catch (error) {
      if (error instanceof SiteMergeError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
      throw error;
    }
  }),
});
