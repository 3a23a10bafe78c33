/**
 * The programme's rules (issue 12): everyone with the dashboard reads the rules in force for what they see; only
 * the state officer changes them, for their own state (and a district's stricter rules within it).
 */
import "server-only";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { getRulesView, updateRules } from "@/server/services/rules/rules-admin";
import { ZRulesUpdate } from "@/server/services/rules/rules-schema";

export const rulesRouter = createTRPCRouter({
  get: authorized("dashboard.read").query(({ ctx }) => getRulesView(ctx.db, ctx.scope)),

  update: authorized("state.configure")
    .input(ZRulesUpdate)
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      await updateRules(ctx.db, ctx.scope, input, ctx.user.username, now);
      return getRulesView(ctx.db, ctx.scope);
    }),
});
