import "server-only";
import { z } from "zod";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { ZId } from "@/core/contracts/ids";
import { AppError } from "@/server/errors/app-error";
import { createApiToken, listApiTokens, revokeApiToken } from "@/server/auth/api-tokens";

// Tokens act with their creator's scope; only the district officer hands them out (wall screens, other systems).
export const apiTokensRouter = createTRPCRouter({
  list: authorized("tokens.manage").query(({ ctx }) => listApiTokens(ctx.db, ctx.user.id)),

  create: authorized("tokens.manage")
    .input(z.object({ name: z.string().trim().min(3, "Give the token a name of at least 3 characters.").max(60) }))
    .mutation(({ ctx, input }) => createApiToken(ctx.db, ctx.user.id, input.name)),

  revoke: authorized("tokens.manage")
    .input(z.object({ id: ZId }))
    .mutation(async ({ ctx, input }) => {
      const revoked = await revokeApiToken(ctx.db, ctx.user.id, input.id, ctx.now());
      if (!revoked) throw new AppError("NOT_FOUND", "tokenNotFound", { id: input.id });
      return { revoked };
    }),
});
