import "server-only";
import type { RestRoute } from "@/server/api/rest/route";
import { definePublicRoute } from "@/server/api/rest/route";
import { openApiDocument } from "@/server/api/rest/openapi";
import { backlogRoute } from "@/server/api/rest/routes/backlog";
import { eventsRoute } from "@/server/api/rest/routes/events";
import { blockCampsCsvRoute, blockRecordsCsvRoute } from "@/server/api/rest/routes/blocks";
import { campTotalsCsvRoute, campTrendCsvRoute } from "@/server/api/rest/routes/camps";
import { forecastsCsvRoute, timelinessCsvRoute } from "@/server/api/rest/routes/performance";
import { recordsStatusRoute } from "@/server/api/rest/routes/records";
import { anomaliesRoute } from "@/server/api/rest/routes/anomalies";
import { fieldReportsRoute, probeGetRoute, probeIncidentsRoute, probePatchRoute, probesCreateRoute, probesListRoute } from "@/server/api/rest/routes/probes";
import { dailyReportRoute } from "@/server/api/rest/routes/reports";
import { portalImportRoute, registerImportRoute, registerTemplateRoute, rejectionsCsvRoute } from "@/server/api/rest/routes/imports";
import { campDevicesRoute, campSyncRoute } from "@/server/api/rest/routes/camp";
import { rulesGetRoute, rulesPutRoute } from "@/server/api/rest/routes/rules";
import { stateOverviewRoute } from "@/server/api/rest/routes/state";

/**
 * Every /api/v1 route. The OpenAPI document is derived from this list, and the tests walk it (bad-input and
 * cross-scope sweeps), so a route added here is described and covered without editing either. A test checks that
 * this list and the route files under app/api/v1 agree.
 */
export const REST_ROUTES: readonly RestRoute[] = [
  backlogRoute,
  eventsRoute,
  blockCampsCsvRoute,
  blockRecordsCsvRoute,
  campTotalsCsvRoute,
  campTrendCsvRoute,
  timelinessCsvRoute,
  forecastsCsvRoute,
  recordsStatusRoute,
  anomaliesRoute,
  probesListRoute,
  probesCreateRoute,
  probeGetRoute,
  probePatchRoute,
  probeIncidentsRoute,
  fieldReportsRoute,
  dailyReportRoute,
  registerImportRoute,
  portalImportRoute,
  rejectionsCsvRoute,
  registerTemplateRoute,
  campSyncRoute,
  campDevicesRoute,
  rulesGetRoute,
  rulesPutRoute,
  stateOverviewRoute,
];

export const openApiRoute = definePublicRoute(
  {
    method: "GET",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApi",
    summary: "This description",
    tags: ["meta"],
    capability: null,
    responses: { description: "The OpenAPI 3.1 document" },
  },
  async () => openApiDocument(REST_ROUTES),
);
