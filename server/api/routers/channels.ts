/**
 * Alert channels (issue 16): the DIO's for the district, the state officer's for the state. Secrets are
 * write-only: answers say "set" or "not set".
 */
import "server-only";
import { z } from "zod";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { ZChannelUpsert, ZSendTest } from "@/core/contracts/alert-channels";
import { channelOwnerOf, listChannels, upsertChannel } from "@/server/services/notify/channels";
import { listDeliveries } from "@/server/services/notify/outbox";
import { sendTest } from "@/server/services/notify/send-test";
import { getUserLocale } from "@/server/services/accounts/user-preferences";

export const channelsRouter = createTRPCRouter({
  list: authorized("alerts.configure").query(({ ctx }) => listChannels(ctx.db, channelOwnerOf(ctx.user, ctx.scope))),

  upsert: authorized("alerts.configure")
    .input(ZChannelUpsert)
    .mutation(({ ctx, input }) => upsertChannel(ctx.db, channelOwnerOf(ctx.user, ctx.scope), input, ctx.user.id, ctx.now())),

  sendTest: authorized("alerts.configure")
    .input(ZSendTest)
    .mutation(async ({ ctx, input }) => {
      const owner = channelOwnerOf(ctx.user, ctx.scope);
      return sendTest(ctx.db, owner, input, { userId: ctx.user.id, language: await getUserLocale(ctx.db, ctx.user.id) }, ctx.now());
    }),

  deliveries: authorized("alerts.configure")
    .input(z.object({ limit: z.number().int().min(1).max(500).default(100) }).optional())
    .query(({ ctx, input }) => listDeliveries(ctx.db, channelOwnerOf(ctx.user, ctx.scope), input?.limit ?? 100)),
});
