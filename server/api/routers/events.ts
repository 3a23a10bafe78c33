import "server-only";
import { z } from "zod";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { ZId } from "@/core/contracts/ids";
import { resolveOptionalBlock } from "@/server/services/backlog/blocks";
import { getEventBus } from "@/server/events/event-bus";
import { streamEvents } from "@/server/events/event-stream";

export const eventsRouter = createTRPCRouter({
  /** Live changes in the caller's scope; a block outside it reads as unknown, never silently widened or emptied. */
  onChange: authorized("dashboard.read")
    .input(z.strictObject({ blockId: ZId.optional() }).optional())
    .subscription(async function* ({ ctx, input, signal }) {
      const block = await resolveOptionalBlock(ctx.db, ctx.scope, input?.blockId);
      yield* streamEvents(getEventBus(), ctx.scope, signal ?? new AbortController().signal, block?.id);
    }),
});
