import "server-only";
import { defineRoute } from "@/server/api/rest/route";
import { ZStatusAnswers, ZStatusBody } from "@/core/contracts/records";
import { applyStatusItems } from "@/server/services/records/record-status-items";

export const recordsStatusRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/records/status",
    operationId: "setRecordStatus",
    summary: "Mark records ENTERED (with the portal reference) or REJECTED (with a reason)",
    description: "Each item names a record by `id`, or by `registerSerial` + `block`, and is answered on its own (`changed`, `unchanged` or `error` with a reason). Idempotent: repeating a request changes nothing.",
    tags: ["records"],
    capability: "records.mark",
    body: ZStatusBody,
    responses: { description: "One answer per item", json: ZStatusAnswers },
  },
  async ({ db, scope, user, now, body }) => ({ results: await applyStatusItems(db, scope, user.id, body.items, now) }),
);
