import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createTRPCRouter, roleProcedure } from "@/server/api/trpc";
import { lookupScopeFor } from "@/server/auth/scope";
import { HelpdeskQueryError, HelpdeskRateLimitError, searchPeople } from "@/server/services/helpdesk-search";
import { HelpdeskPersonNotFoundError, openPerson } from "@/server/services/helpdesk-person";
import { listAccessLog } from "@/server/services/helpdesk-access-log";

/** Helpdesk and district officer only; reads go through the explicit lookup scope. */
const lookupProcedure = roleProcedure("HELPDESK", "DISTRICT_OFFICER").use(({ ctx, next }) => next({ ctx: { ...ctx, lookupScope: lookupScopeFor(ctx.user) } }));

const text = z.string().max(200, { message: "That is too long for a search." });
const blockId = z.number().int().positive().nullish();

export const ZHelpdeskSearchInput = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("mobile"), mobile: text }),
  z.strictObject({ kind: z.literal("serial"), serial: text, blockId }),
  z.strictObject({ kind: z.literal("idLast4"), idLast4: text, birthYear: z.union([text, z.number().int()]) }),
  z.strictObject({ kind: z.literal("name"), name: text, blockId }),
]);

function asTrpcError(error: unknown): never {
  if (error instanceof HelpdeskQueryError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
  if (error instanceof HelpdeskRateLimitError) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: error.message, cause: error });
  if (error instanceof HelpdeskPersonNotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: error.message });
  throw error;
}

export const helpdeskRouter = createTRPCRouter({
  /** Blocks for the search form (names only; no figures). */
  listBlocks: lookupProcedure.query(({ ctx }) =>
    ctx.db.block.findMany({ select: { id: true, name: true, nameHi: true }, orderBy: [{ isUrban: "asc" }, { name: "asc" }] }),
  ),

  /** Finds up to 10 people; rate-limited per user; logged (masked). A mutation: every search is an act that is logged. */
  search: lookupProcedure
    .input(ZHelpdeskSearchInput)
    .mutation(({ ctx, input }) => searchPeople(ctx.db, ctx.lookupScope, ctx.user.id, input, ctx.now()).catch(asTrpcError)),

  /** Opens one person from a search result's token; logged. */
  getPerson: lookupProcedure
    .input(z.strictObject({ token: z.string().min(1).max(400) }))
    .mutation(({ ctx, input }) => openPerson(ctx.db, ctx.lookupScope, ctx.user.id, input.token, ctx.now()).catch(asTrpcError)),

  /** The access log, newest first (district officer only). */
  listAccessLog: roleProcedure("DISTRICT_OFFICER")
    .input(z.strictObject({ page: z.number().int().min(1).max(100_000).default(1), userId: z.number().int().positive().nullish() }))
    .query(({ ctx, input }) => listAccessLog(ctx.db, { page: input.page, userId: input.userId ?? null })),
});
