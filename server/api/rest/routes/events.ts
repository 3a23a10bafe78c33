import "server-only";
import { defineRoute } from "@/server/api/rest/route";
import { sseResponse } from "@/server/api/rest/sse";
import { ZBlockRef } from "@/core/contracts/ids";
import { resolveOptionalBlock } from "@/server/services/backlog/blocks";
import { getEventBus } from "@/server/events/event-bus";
import { streamEvents } from "@/server/events/event-stream";

/**
 * Live changes for wall screens and other systems, with the same scope as the dashboards (a block user gets their
 * block and the district-wide events). Each message: `id: n`, `event: <type>`, `data: {"type","block","blockId","at",…}`.
 * The first message is `sync` (refetch what you show); every reconnection starts with a `sync` again.
 */
export const eventsRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/events",
    operationId: "streamEvents",
    summary: "Live changes as server-sent events",
    description: "`?block=` narrows the stream to one block. The first event is `sync`; a comment line every 15 s keeps the stream open.",
    tags: ["live"],
    capability: "dashboard.read",
    query: { block: ZBlockRef.optional() },
    responses: { description: "A text/event-stream of changes", sse: true },
  },
  async ({ db, scope, query, req }) => {
    const block = await resolveOptionalBlock(db, scope, query.block);
    return sseResponse(req.signal, (signal) => streamEvents(getEventBus(), scope, signal, block?.id));
  },
);
