import "server-only";
import { z } from "zod";
import { defineRoute } from "@/server/api/rest/route";
import { csvResponse } from "@/server/api/rest/responses";
import { ZBacklogApiResponse } from "@/core/contracts/backlog-api";
import { ZBlockRef } from "@/core/contracts/ids";
import { resolveOptionalBlock } from "@/server/services/backlog/blocks";
import { backlogSummaryOf } from "@/server/services/read-models/dashboard-read-models";
import { toBacklogApiResponse } from "@/server/services/backlog/backlog-api";

export const backlogRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/backlog",
    operationId: "getBacklog",
    summary: "The backlog against the 48-hour deadline: the caller's scope, or one block",
    tags: ["backlog"],
    capability: "dashboard.read",
    query: { block: ZBlockRef.optional(), format: z.enum(["json", "csv"], "format must be json or csv").default("json") },
    responses: { description: "The figures (JSON), or one row per block (`format=csv`)", json: ZBacklogApiResponse, csv: true },
  },
  async ({ db, scope, now, query }) => {
    const block = await resolveOptionalBlock(db, scope, query.block);
    const summary = await backlogSummaryOf(db, scope, now, block?.id);
    if (query.format === "json") return toBacklogApiResponse(summary);
    return csvResponse(
      "backlog-by-block.csv",
      ["block", "vaccinated", "entered", "pending", "rejected", "overdue", "due_within_6h", "pending_0_12h", "pending_12_24h", "pending_24_36h", "pending_36_48h", "pending_overdue"],
      summary.blocks.map((b) => [b.block, b.vaccinated, b.entered, b.pending, b.rejected, b.overdue, b.dueWithin6h, b.ageBuckets.h0_12, b.ageBuckets.h12_24, b.ageBuckets.h24_36, b.ageBuckets.h36_48, b.ageBuckets.overdue]),
    );
  },
);
