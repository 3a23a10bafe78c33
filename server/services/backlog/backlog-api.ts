import "server-only";
import type { BacklogFigures, BacklogSummary } from "@/server/services/backlog/backlog-summary";
import type { BacklogApiResponse } from "@/core/contracts/backlog-api";

function figures(f: BacklogFigures) {
  return {
    vaccinated: f.vaccinated,
    entered: f.entered,
    pending: f.pending,
    rejected: f.rejected,
    overdue: f.overdue,
    dueWithin6h: f.dueWithin6h,
    ageBuckets: {
      "0-12h": f.ageBuckets.h0_12,
      "12-24h": f.ageBuckets.h12_24,
      "24-36h": f.ageBuckets.h24_36,
      "36-48h": f.ageBuckets.h36_48,
      overdue: f.ageBuckets.overdue,
    },
  };
}

/** The public JSON shape of GET /api/v1/backlog (documented in the README). */
export function toBacklogApiResponse(summary: BacklogSummary): BacklogApiResponse {
  return {
    generatedAt: summary.generatedAt.toISOString(),
    deadlineHours: summary.deadlineHours,
    district: figures(summary.district),
    blocks: summary.blocks.map((b) => ({ block: b.block, ...figures(b) })),
  };
}
