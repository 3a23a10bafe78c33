/** How people are reached (issue 16): everyone edits their own; the DIO sees who in the district can be reached. */
import "server-only";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { ZContactsInput } from "@/core/contracts/alert-channels";
import { getMyContacts, listReachable, updateMyContacts } from "@/server/services/notify/contacts";

export const contactsRouter = createTRPCRouter({
  getMine: authorized("self").query(({ ctx }) => getMyContacts(ctx.db, ctx.user.id)),
  updateMine: authorized("self")
    .input(ZContactsInput)
    .mutation(({ ctx, input }) => updateMyContacts(ctx.db, ctx.user.id, input, ctx.now())),
  listReachable: authorized("alerts.configure").query(({ ctx }) => listReachable(ctx.db, ctx.scope)),
});
