import "server-only";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { lookupScopeFor } from "@/server/auth/scope";
import { getScopePlace, getStateOverview } from "@/server/services/backlog/state-overview";

export const stateRouter = createTRPCRouter({
  /** The state's figures and its districts ranked; a district scope gets its own district only, a block scope is refused. */
  getOverview: authorized("dashboard.read").query(({ ctx }) => getStateOverview(ctx.db, ctx.scope, ctx.now())),

  /** The names of the caller's place (state, district, block), for the header; the helpdesk's is its district. */
  place: authorized("self").query(({ ctx }) => getScopePlace(ctx.db, lookupScopeFor(ctx.user, ctx.scope))),
});
