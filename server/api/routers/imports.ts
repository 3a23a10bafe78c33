import { z } from "zod";
import { TRPCError } from "@trpc/server";
import { createTRPCRouter, authedProcedure, roleProcedure } from "@/server/api/trpc";
import { beginImport, getImport, listImports } from "@/server/services/import-batches";

const importerProcedure = roleProcedure("DISTRICT_OFFICER", "DATA_OPERATOR");

export const importsRouter = createTRPCRouter({
  /** Opens a batch before the upload, so the page can show the server's progress while the file is read. */
  begin: importerProcedure
    .input(z.object({ kind: z.enum(["REGISTER", "PORTAL"]), fileName: z.string().trim().min(1).max(200) }))
    .mutation(({ ctx, input }) => beginImport(ctx.db, ctx.user.id, ctx.user.blockId, input.kind, input.fileName)),

  get: authedProcedure.input(z.object({ id: z.number().int().positive() })).query(async ({ ctx, input }) => {
    const batch = await getImport(ctx.db, { userId: ctx.user.id, role: ctx.user.role, scope: ctx.scope }, input.id);
    if (!batch) throw new TRPCError({ code: "NOT_FOUND", message: `There is no import ${input.id} of yours.` });
    return batch;
  }),

  list: authedProcedure.query(({ ctx }) => listImports(ctx.db, { userId: ctx.user.id, role: ctx.user.role, scope: ctx.scope })),
});
