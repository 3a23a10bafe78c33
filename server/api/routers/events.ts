import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createTRPCRouter, authedProcedure } from "@/server/api/trpc";
import { canSeeBlock } from "@/server/auth/scope";
import { getEventBus } from "@/server/events/event-bus";
import { streamEvents } from "@/server/events/event-stream";

export const eventsRouter = createTRPCRouter({
  /** Live changes in the caller's scope; a block outside it is refused, never silently widened or emptied. */
  onChange: authedProcedure
    .input(z.strictObject({ blockId: z.number().int().positive().optional() }).optional())
    .subscription(async function* ({ ctx, input, signal }) {
      const blockId = input?.blockId;
      if (blockId !== undefined) {
        const block = await ctx.db.block.findUnique({ where: { id: blockId }, select: { id: true } });
        if (!block) throw new TRPCError({ code: "NOT_FOUND", message: `There is no block with id ${blockId}.` });
        if (!canSeeBlock(ctx.scope, blockId)) throw new TRPCError({ code: "FORBIDDEN", message: "You may follow only your own block." });
      }
      yield* streamEvents(getEventBus(), ctx.scope, signal ?? new AbortController().signal, blockId);
    }),
});
