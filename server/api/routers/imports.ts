import "server-only";
import { z } from "zod";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { ZId } from "@/core/contracts/ids";
import { AppError } from "@/server/errors/app-error";
import { beginImport, getImport, listImports } from "@/server/services/imports/import-batches";
import { importerPlace } from "@/server/services/imports/import-types";

export const importsRouter = createTRPCRouter({
  /** Opens a batch before the upload, so the page can show the server's progress while the file is read. */
  begin: authorized("imports.run")
    .input(z.object({ kind: z.enum(["REGISTER", "PORTAL"]), fileName: z.string().trim().min(1).max(200) }))
    .mutation(({ ctx, input }) => beginImport(ctx.db, ctx.user.id, importerPlace({ ...ctx.user, userId: ctx.user.id }), input.kind, input.fileName)),

  get: authorized("imports.read")
    .input(z.object({ id: ZId }))
    .query(async ({ ctx, input }) => {
      const batch = await getImport(ctx.db, { userId: ctx.user.id, role: ctx.user.role, scope: ctx.scope }, input.id);
      if (!batch) throw new AppError("NOT_FOUND", "importNotFound", { id: input.id });
      return batch;
    }),

  list: authorized("imports.read").query(({ ctx }) => listImports(ctx.db, { userId: ctx.user.id, role: ctx.user.role, scope: ctx.scope })),
});
