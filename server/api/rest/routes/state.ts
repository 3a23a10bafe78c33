import "server-only";
import { defineRoute } from "@/server/api/rest/route";
import { ZStateOverviewApiResponse, type StateOverviewApiResponse } from "@/core/contracts/state-overview-api";
import { getStateOverview, type StateOverview } from "@/server/services/backlog/state-overview";
import type { BacklogFigures } from "@/server/services/backlog/backlog-summary";

const figures = (f: BacklogFigures) => ({ vaccinated: f.vaccinated, entered: f.entered, pending: f.pending, rejected: f.rejected, overdue: f.overdue, dueWithin6h: f.dueWithin6h });

function toApi(o: StateOverview): StateOverviewApiResponse {
  return {
    generatedAt: o.generatedAt.toISOString(),
    deadlineHours: o.deadlineHours,
    state: o.state,
    totals: { ...figures(o.totals), atRiskBlocks: o.atRiskBlocks },
    districts: o.districts.map((d) => ({ id: d.id, name: d.name, nameHi: d.nameHi, slug: d.slug, blocks: d.blocks, atRiskBlocks: d.atRiskBlocks, ...figures(d.figures) })),
    notSetUp: o.notSetUp,
  };
}

export const stateOverviewRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/state/overview",
    operationId: "getStateOverview",
    summary: "The state's backlog and its districts ranked by pending; districts not set up are listed without figures",
    description: "A state officer gets every district of the state (or one, with `district`); a district officer their own district only; block accounts are refused.",
    tags: ["backlog"],
    capability: "dashboard.read",
    responses: { description: "The state's figures and one row per set-up district", json: ZStateOverviewApiResponse },
  },
  async ({ db, scope, now }) => toApi(await getStateOverview(db, scope, now)),
);
