import "server-only";
import { z } from "zod";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { ZId } from "@/core/contracts/ids";
import { lookupScopeFor } from "@/server/auth/scope";
import { listBlocksInScope } from "@/server/services/backlog/blocks";
import { searchPeople } from "@/server/services/helpdesk/helpdesk-search";
import { openPerson } from "@/server/services/helpdesk/helpdesk-person";
import { listAccessLog } from "@/server/services/helpdesk/helpdesk-access-log";

/** Reads go through the explicit lookup scope: the helpdesk is district-wide for one beneficiary at a time. */
const lookup = authorized("helpdesk.lookup").use(({ ctx, next }) => next({ ctx: { ...ctx, lookupScope: lookupScopeFor(ctx.user, ctx.scope) } }));

const text = z.string().max(200, { message: "That is too long for a search." });
const blockId = ZId.nullish();

export const ZHelpdeskSearchInput = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("mobile"), mobile: text }),
  z.strictObject({ kind: z.literal("serial"), serial: text, blockId }),
  z.strictObject({ kind: z.literal("idLast4"), idLast4: text, birthYear: z.union([text, z.number().int().min(0).max(9999)]) }),
  z.strictObject({ kind: z.literal("name"), name: text, blockId }),
]);

export const helpdeskRouter = createTRPCRouter({
  /** Blocks for the search form (names only; no figures). */
  listBlocks: lookup.query(async ({ ctx }) => (await listBlocksInScope(ctx.db, ctx.lookupScope, { urbanLast: true })).map((b) => ({ id: b.id, name: b.name, nameHi: b.nameHi }))),

  /** Finds up to 10 people; rate-limited per user; logged (masked). A mutation: every search is an act that is logged. */
  search: lookup.input(ZHelpdeskSearchInput).mutation(({ ctx, input }) => searchPeople(ctx.db, ctx.lookupScope, ctx.user.id, input, ctx.now())),

  /** Opens one person from a search result's token; logged. */
  getPerson: lookup
    .input(z.strictObject({ token: z.string().min(1).max(400) }))
    .mutation(({ ctx, input }) => openPerson(ctx.db, ctx.lookupScope, ctx.user.id, input.token, ctx.now())),

  /** The access log, newest first (district officer only). */
  listAccessLog: authorized("helpdesk.auditLog")
    .input(z.strictObject({ page: z.number().int().min(1).max(100_000).default(1), userId: ZId.nullish() }))
    .query(({ ctx, input }) => listAccessLog(ctx.db, ctx.scope, { page: input.page, userId: input.userId ?? null })),
});
