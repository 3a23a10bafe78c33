import "server-only";
import { z } from "zod";
import { defineRoute } from "@/server/api/rest/route";
import { ZAnomalyPage } from "@/core/contracts/anomalies-api";
import { ZBlockRef } from "@/core/contracts/ids";
import { resolveOptionalBlock } from "@/server/services/backlog/blocks";
import { listAnomalies } from "@/server/services/imports/anomalies";

export const anomaliesRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/anomalies",
    operationId: "listAnomalies",
    summary: "The reconciliation's anomaly queue (open by default), scoped like the backlog",
    tags: ["imports"],
    capability: "dashboard.read",
    query: {
      block: ZBlockRef.optional(),
      status: z.enum(["OPEN", "RESOLVED"]).default("OPEN"),
      page: z.coerce.number().int().min(1).max(100_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
    },
    responses: { description: "One page of anomalies", json: ZAnomalyPage },
  },
  async ({ db, scope, query }) => {
    const block = await resolveOptionalBlock(db, scope, query.block);
    return listAnomalies(db, scope, { status: query.status, blockId: block?.id, page: query.page, pageSize: query.pageSize });
  },
);
