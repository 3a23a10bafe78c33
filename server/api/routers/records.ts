import "server-only";
import { z } from "zod";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { ZId } from "@/core/contracts/ids";
import { ZMarkEnteredInput, ZMarkRejectedInput } from "@/core/contracts/records";
import { AppError } from "@/server/errors/app-error";
import { getRecordDetail, markRecords, undoStatusChange } from "@/server/services/records/record-actions";
import { rejectionText } from "@/core/domain/rejection-reasons";

export const recordsRouter = createTRPCRouter({
  getDetail: authorized("dashboard.read")
    .input(z.object({ id: ZId }))
    .query(async ({ ctx, input }) => {
      const detail = await getRecordDetail(ctx.db, ctx.scope, input.id);
      if (!detail) throw new AppError("NOT_FOUND", "recordNotFound", { id: input.id });
      return detail;
    }),

  markEntered: authorized("records.mark")
    .input(ZMarkEnteredInput)
    .mutation(({ ctx, input }) => {
      const now = ctx.now();
      const actions = input.items.map((i) => ({ kind: "ENTERED" as const, recordId: i.id, portalRef: i.portalRef, enteredAt: now }));
      return markRecords(ctx.db, ctx.scope, ctx.user.id, actions, now);
    }),

  markRejected: authorized("records.mark")
    .input(ZMarkRejectedInput)
    .mutation(({ ctx, input }) => {
      const reason = rejectionText(input.reason, input.detail);
      const actions = input.ids.map((id) => ({ kind: "REJECTED" as const, recordId: id, reason }));
      return markRecords(ctx.db, ctx.scope, ctx.user.id, actions, ctx.now());
    }),

  undoChange: authorized("records.undo")
    .input(z.object({ changeId: ZId }))
    .mutation(({ ctx, input }) => undoStatusChange(ctx.db, ctx.scope, ctx.user.id, input.changeId, ctx.now())),
});
