import { z } from "zod";
import { TRPCError } from "@trpc/server";
import { createTRPCRouter, roleProcedure } from "@/server/api/trpc";
import { createApiToken, listApiTokens, revokeApiToken } from "@/server/services/api-tokens";

// Tokens act with their creator's scope; only the district officer hands them out (wall screens, other systems).
const tokenOwnerProcedure = roleProcedure("DISTRICT_OFFICER");

export const apiTokensRouter = createTRPCRouter({
  list: tokenOwnerProcedure.query(({ ctx }) => listApiTokens(ctx.db, ctx.user.id)),

  create: tokenOwnerProcedure
    .input(z.object({ name: z.string().trim().min(3, "Give the token a name of at least 3 characters.").max(60) }))
    .mutation(({ ctx, input }) => createApiToken(ctx.db, ctx.user.id, input.name)),

  revoke: tokenOwnerProcedure.input(z.object({ id: z.number().int().positive() })).mutation(async ({ ctx, input }) => {
    const revoked = await revokeApiToken(ctx.db, ctx.user.id, input.id, ctx.now());
    if (!revoked) throw new TRPCError({ code: "NOT_FOUND", message: "No such active token of yours." });
    return { revoked };
  }),
});
