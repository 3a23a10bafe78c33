import { z } from "zod";
import { TRPCError } from "@trpc/server";
import { createTRPCRouter, authedProcedure, roleProcedure } from "@/server/api/trpc";
import { ZMarkEnteredInput, ZMarkRejectedInput, ZRecordId } from "@/server/api/schemas/records";
import { getRecordDetail, markRecords, RecordNotFoundError, undoStatusChange, UndoNotAllowedError } from "@/server/services/record-actions";
import { rejectionText } from "@/server/domain/rejection-reasons";

function asTrpcError(error: unknown): never {
  if (error instanceof RecordNotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: error.message });
  if (error instanceof UndoNotAllowedError) throw new TRPCError({ code: "CONFLICT", message: error.message });
  throw error;
}

export const recordsRouter = createTRPCRouter({
  getDetail: authedProcedure.input(z.object({ id: ZRecordId })).query(async ({ ctx, input }) => {
    const detail = await getRecordDetail(ctx.db, ctx.scope, input.id);
    if (!detail) throw new TRPCError({ code: "NOT_FOUND", message: `There is no record ${input.id} in your scope.` });
    return detail;
  }),

  markEntered: authedProcedure.input(ZMarkEnteredInput).mutation(({ ctx, input }) => {
    const now = ctx.now();
    const actions = input.items.map((i) => ({ kind: "ENTERED" as const, recordId: i.id, portalRef: i.portalRef, enteredAt: now }));
    return markRecords(ctx.db, ctx.scope, ctx.user.id, actions, now).catch(asTrpcError);
  }),

  markRejected: authedProcedure.input(ZMarkRejectedInput).mutation(({ ctx, input }) => {
    const reason = rejectionText(input.reason, input.detail);
    const actions = input.ids.map((id) => ({ kind: "REJECTED" as const, recordId: id, reason }));
    return markRecords(ctx.db, ctx.scope, ctx.user.id, actions, ctx.now()).catch(asTrpcError);
  }),

  undoChange: roleProcedure("DISTRICT_OFFICER")
    .input(z.object({ changeId: z.number().int().positive() }))
    .mutation(({ ctx, input }) => undoStatusChange(ctx.db, ctx.scope, ctx.user.id, input.changeId, ctx.now()).catch(asTrpcError)),
});
