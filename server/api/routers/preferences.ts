import "server-only";
import { z } from "zod";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { LOCALES } from "@/core/format/locales";
import { getUserLocale, setUserLocale } from "@/server/services/accounts/user-preferences";

export const ZSetLocaleInput = z.object({ locale: z.enum(LOCALES) });

/** The signed-in user's own settings; every role, the helpdesk included, may read and change its own. */
export const preferencesRouter = createTRPCRouter({
  getLocale: authorized("self").query(async ({ ctx }) => ({ locale: await getUserLocale(ctx.db, ctx.user.id) })),
  setLocale: authorized("self")
    .input(ZSetLocaleInput)
    .mutation(async ({ ctx, input }) => ({ locale: await setUserLocale(ctx.db, ctx.user.id, input.locale) })),
});
