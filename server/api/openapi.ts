import { z } from "zod";
import { ZStatusItem } from "@/server/api/schemas/records";
import { ZFieldReport, ZProbeTargetInput, ZProbeTargetPatch } from "@/server/api/schemas/probe-target";

const bearer = [{ bearerAuth: [] }, { sessionCookie: [] }];
const errorBody = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { description: ERROR_TEXT[c] ?? "Error", ...errorBody }]));
const ERROR_TEXT: Record<number, string> = {
  400: "Bad input; `error` says what and where",
  401: "No session and no valid bearer token",
  403: "Outside the caller's scope or role",
  404: "No such item in the caller's scope",
  413: "Body over the size limit (stated in `error`)",
  409: "The name is taken by another target",
  415: "Not a CSV/XLSX file, or not JSON",
};

const jsonSchema = (schema: z.ZodType): Record<string, unknown> => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
const probeId = { name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } };
const uptimeWindow = {
  type: "object",
  properties: {
    upPercent: { type: ["number", "null"], description: "(UP + DEGRADED) / (measured time − maintenance); null without data" },
    usableHours: { type: "number", description: "hours UP and not slow" },
    downMinutes: { type: "number" },
    degradedMinutes: { type: "number" },
    pendingMinutes: { type: "number" },
    maintenanceMinutes: { type: "number" },
    noDataMinutes: { type: "number" },
  },
};
const probeTarget = {
  type: "object",
  required: ["id", "state", "name", "url", "method", "expectedStatus", "keyword", "intervalSeconds", "timeoutMs", "slowMs", "retries", "enabled", "uptime"],
  properties: {
    id: { type: "integer" },
    state: { enum: ["UP", "DEGRADED", "PENDING", "DOWN", "MAINTENANCE", null], description: "null before the first check" },
    name: { type: "string" },
    url: { type: "string" },
    method: { enum: ["GET", "HEAD"] },
    expectedStatus: { type: "array", items: { type: "integer" } },
    keyword: { type: ["string", "null"] },
    intervalSeconds: { type: "integer" },
    timeoutMs: { type: "integer" },
    slowMs: { type: "integer" },
    retries: { type: "integer" },
    enabled: { type: "boolean" },
    stateSince: { type: ["string", "null"], format: "date-time" },
    lastCheckedAt: { type: ["string", "null"], format: "date-time" },
    lastLatencyMs: { type: ["integer", "null"] },
    lastError: { type: ["string", "null"] },
    uptime: { type: "object", properties: { "1h": uptimeWindow, "24h": uptimeWindow, "7d": uptimeWindow, "30d": uptimeWindow } },
    latency24h: { type: "object", properties: { p50: { type: ["integer", "null"] }, p95: { type: ["integer", "null"] }, checks: { type: "integer" } } },
    openIncident: { type: ["object", "null"], properties: { startedAt: { type: "string", format: "date-time" }, state: { enum: ["DOWN", "DEGRADED"] }, firstError: { type: ["string", "null"] }, durationSeconds: { type: "integer" } } },
  },
};
const probeTargetJson = { content: { "application/json": { schema: probeTarget } } };
const fieldReportBase = jsonSchema(ZFieldReport.omit({ targetId: true }));
const fieldReport = {
  ...fieldReportBase,
  properties: {
    ...(fieldReportBase.properties as object),
    checkedAt: { type: "string", format: "date-time", description: "with Z or an offset; not in the future, not older than 24 h; default now" },
    target: { type: "integer", description: "probe target id (optional)" },
    block: { type: "string", description: "block name or slug; required with a district officer's token, else the token owner's block" },
  },
};

const importResult = {
  type: "object",
  required: ["importId", "rows", "created", "duplicates", "rejected", "errors"],
  properties: {
    importId: { type: "integer" },
    rows: { type: "integer", description: "data rows read = created + duplicates + rejected (register); = matched + duplicates + anomalies + rejected (portal)" },
    created: { type: "integer" },
    duplicates: { type: "integer", description: "already present (register) / already applied (portal)" },
    rejected: { type: "integer" },
    matched: { type: "integer", description: "portal exports: records set ENTERED" },
    anomalies: { type: "integer", description: "portal exports: rows sent to the anomaly queue" },
    errors: { type: "array", items: { type: "object", properties: { row: { type: "integer" }, column: { type: ["string", "null"] }, reason: { type: "string" } } } },
  },
};

const upload = {
  required: true,
  description: "The file as the raw body (streamed; send its name in X-File-Name), or multipart/form-data with a `file` field. Up to 50 MB.",
  content: {
    "text/csv": { schema: { type: "string", format: "binary" } },
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } },
    "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } } } },
  },
};

/** The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: { title: "Teeka Monitor API", version: "1", description: "Backlog of offline vaccination register entries against the 48-hour portal deadline, Bhagalpur district." },
    servers: [{ url: "/api/v1" }],
    security: bearer,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A token the district officer creates under API tokens; it acts with its creator's scope." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas: { Error: { type: "object", required: ["error"], properties: { error: { type: "string" } } } },
    },
    paths: {
      "/backlog": {
        get: {
          summary: "Backlog per block",
          parameters: [
            { name: "block", in: "query", required: false, schema: { type: "string" }, description: "block name, slug or historical spelling" },
            { name: "format", in: "query", required: false, schema: { enum: ["json", "csv"], default: "json" }, description: "csv: one row per block" },
          ],
          responses: { "200": { description: "generatedAt, deadlineHours, district summary, blocks[] (or CSV)" }, ...errors(400, 401, 403) },
        },
      },
      "/reports/daily": {
        get: {
          summary: "The daily review report (backlog, overdue and at-risk blocks, yesterday's camps, portal uptime and incidents over 24 h, top anomalies) as PDF, CSV or JSON",
          description:
            "The district officer gets the district (or one block with `block`); block staff get their own block. The PDF is one A4 page rendered on the server with Chromium; 503 with a reason when Chromium is unavailable. The CSV has one section after another, each with a `# name` row and a header row.",
          parameters: [
            { name: "format", in: "query", required: false, schema: { enum: ["json", "csv", "pdf"], default: "json" } },
            { name: "block", in: "query", required: false, schema: { type: "string" }, description: "block name or slug; a block user may name only their own" },
            { name: "lang", in: "query", required: false, schema: { enum: ["en", "hi"], default: "en" }, description: "language of the PDF" },
          ],
          responses: {
            "200": { description: "The report", content: { "application/pdf": {}, "text/csv": {}, "application/json": {} } },
            ...errors(400, 401, 403),
            "503": { description: "PDF rendering unavailable (Chromium missing or timed out); `error` says why", ...errorBody },
          },
        },
      },
      "/camps/totals.csv": {
        get: {
          summary: "Camp totals (vaccinated, entered, pending, rejected; by dose, vaccine, sex and age band) as CSV, by vaccination date",
          description: "No parameter: one row per mega camp (and other camps). `megaCamp`: one row per block; `megaCamp` + `block`: one row per site; `camp`: that camp.",
          parameters: [
            { name: "megaCamp", in: "query", schema: { type: "integer" } },
            { name: "block", in: "query", schema: { type: "string" }, description: "block id, name or slug" },
            { name: "camp", in: "query", schema: { type: "integer" } },
          ],
          responses: { "200": { description: "CSV", content: { "text/csv": {} } }, ...errors(400, 401, 403, 404) },
        },
      },
      "/camps/trend.csv": {
        get: {
          summary: "Vaccinations per IST hour or day (by vaccination time, never upload time) as CSV",
          parameters: [
            { name: "grain", in: "query", schema: { enum: ["hour", "day"], default: "day" } },
            { name: "megaCamp", in: "query", schema: { type: "integer" } },
            { name: "block", in: "query", schema: { type: "string" } },
            { name: "camp", in: "query", schema: { type: "integer" } },
            { name: "from", in: "query", schema: { type: "string", format: "date" }, description: "IST date, inclusive" },
            { name: "to", in: "query", schema: { type: "string", format: "date" }, description: "IST date, inclusive; at most 366 days (31 for hours)" },
          ],
          responses: { "200": { description: "CSV", content: { "text/csv": {} } }, ...errors(400, 401, 403, 404) },
        },
      },
      "/performance/timeliness.csv": {
        get: {
          summary: "Entry timeliness (share within 24 h and 48 h of vaccination) per block, per operator, or entries per hour, as CSV",
          parameters: [
            { name: "table", in: "query", required: true, schema: { enum: ["blocks", "operators", "hours"] } },
            { name: "from", in: "query", schema: { type: "string", format: "date" } },
            { name: "to", in: "query", schema: { type: "string", format: "date" } },
            { name: "block", in: "query", schema: { type: "string" } },
          ],
          responses: { "200": { description: "CSV", content: { "text/csv": {} } }, ...errors(400, 401, 403, 404) },
        },
      },
      "/performance/forecasts.csv": {
        get: {
          summary: "Burn-down forecast per block (rate over the last 3 working hours, clearing time, entries that will cross 48 h) as CSV",
          parameters: [{ name: "atRisk", in: "query", schema: { enum: ["1"] }, description: "only blocks at risk" }],
          responses: { "200": { description: "CSV", content: { "text/csv": {} } }, ...errors(400, 401) },
        },
      },
      "/blocks/{block}/camps.csv": {
        get: {
          summary: "A block's camps (site + date) with register and backlog counts, as CSV",
          parameters: [{ name: "block", in: "path", required: true, schema: { type: "string" }, description: "block name or slug" }],
          responses: { "200": { description: "CSV", content: { "text/csv": {} } }, ...errors(401, 403, 404) },
        },
      },
      "/blocks/{block}/records.csv": {
        get: {
          summary: "A block's records (pending by default) with the block page's filters, masked, as CSV",
          parameters: [
            { name: "block", in: "path", required: true, schema: { type: "string" } },
            { name: "status", in: "query", schema: { enum: ["PENDING", "ENTERED", "REJECTED"] } },
            { name: "bucket", in: "query", schema: { enum: ["h0_12", "h12_24", "h24_36", "h36_48", "overdue", "due6h"] } },
            { name: "dose", in: "query", schema: { enum: ["1", "2"] } },
            { name: "site", in: "query", schema: { type: "integer" } },
            { name: "q", in: "query", schema: { type: "string" }, description: "register serial or name contains" },
            { name: "sort", in: "query", schema: { enum: ["vaccinatedAt", "registerSerial", "beneficiaryName", "dose", "site"] } },
            { name: "dir", in: "query", schema: { enum: ["asc", "desc"] } },
          ],
          responses: { "200": { description: "CSV", content: { "text/csv": {} } }, ...errors(400, 401, 403, 404) },
        },
      },
      "/events": {
        get: {
          summary: "Live changes as server-sent events (text/event-stream), scoped like /backlog",
          description:
            "Each message has `event: <type>` and `data:` JSON with at least `type` (record.created, record.status, import.completed, import.failed, probe.state, probe.result, probe.field, alert.created, sync), `block` (null for district-wide events), `blockId` and `at`. The first message is `sync`: refetch what you show.",
          parameters: [{ name: "block", in: "query", required: false, schema: { type: "string" }, description: "only this block's events (and district-wide ones)" }],
          responses: { "200": { description: "text/event-stream", content: { "text/event-stream": {} } }, ...errors(400, 401, 403) },
        },
      },
      "/imports/register": {
        post: {
          summary: "Import an offline register (CSV or XLSX)",
          parameters: [{ name: "X-File-Name", in: "header", schema: { type: "string" } }],
          requestBody: upload,
          responses: { "200": { description: "Import result", content: { "application/json": { schema: importResult } } }, ...errors(400, 401, 403, 413, 415) },
        },
      },
      "/imports/portal": {
        post: {
          summary: "Reconcile a portal export of entries made (CSV or XLSX)",
          parameters: [{ name: "X-File-Name", in: "header", schema: { type: "string" } }],
          requestBody: upload,
          responses: { "200": { description: "Import result", content: { "application/json": { schema: importResult } } }, ...errors(400, 401, 403, 413, 415) },
        },
      },
      "/imports/register-template.csv": {
        get: {
          summary: "An empty offline-register template (the columns an import expects, two fictional example rows; public)",
          security: [],
          responses: { "200": { description: "CSV", content: { "text/csv": {} } } },
        },
      },
      "/imports/{id}/rejections.csv": {
        get: {
          summary: "The rejected rows of an import with a reason column (formula cells neutralised)",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
          responses: { "200": { description: "CSV", content: { "text/csv": {} } }, ...errors(400, 401, 404) },
        },
      },
      "/anomalies": {
        get: {
          summary: "The anomaly queue",
          parameters: [
            { name: "block", in: "query", schema: { type: "string" } },
            { name: "status", in: "query", schema: { enum: ["OPEN", "RESOLVED"], default: "OPEN" } },
            { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
            { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 200 } },
          ],
          responses: { "200": { description: "rows (portal and register side by side), total, page, pageSize" }, ...errors(400, 401, 403) },
        },
      },
      "/probes": {
        get: {
          summary: "Portal probe targets with state and uptime per window (1h, 24h, 7d, 30d; maintenance left out)",
          responses: { "200": { description: "generatedAt, targets[]", content: { "application/json": { schema: { type: "object", properties: { generatedAt: { type: "string" }, targets: { type: "array", items: probeTarget } } } } } }, ...errors(401, 403) },
        },
        post: {
          summary: "Add a probe target (district officer only). intervalSeconds 5–3600; timeoutMs 500–30000 and < intervalSeconds×1000; slowMs ≥ 50 and < timeoutMs; retries 0–10; no keyword with HEAD; no link-local or cloud-metadata address",
          requestBody: { required: true, content: { "application/json": { schema: jsonSchema(ZProbeTargetInput) } } },
          responses: { "201": { description: "The new target", ...probeTargetJson }, ...errors(400, 401, 403, 409, 415) },
        },
      },
      "/probes/{id}": {
        get: { summary: "One probe target", parameters: [probeId], responses: { "200": { description: "The target", ...probeTargetJson }, ...errors(400, 401, 404) } },
        patch: {
          summary: "Change some fields of a target (district officer only); the rules between fields hold for the result",
          parameters: [probeId],
          requestBody: { required: true, content: { "application/json": { schema: jsonSchema(ZProbeTargetPatch) } } },
          responses: { "200": { description: "The changed target", ...probeTargetJson }, ...errors(400, 401, 403, 404, 409, 415) },
        },
      },
      "/probes/{id}/incidents": {
        get: {
          summary: "Incidents (stretches of DOWN or DEGRADED), oldest first; as JSON or a CSV download",
          parameters: [
            probeId,
            { name: "from", in: "query", schema: { type: "string" }, description: "ISO 8601 date (midnight IST) or date-time with offset; incidents overlapping [from, to]" },
            { name: "to", in: "query", schema: { type: "string" } },
            { name: "format", in: "query", schema: { enum: ["json", "csv"], default: "json" } },
          ],
          responses: {
            "200": {
              description: "{ incidents: [{ startedAt, endedAt (null while open), durationSeconds, state, firstError }] }, or text/csv",
              content: { "application/json": {}, "text/csv": {} },
            },
            ...errors(400, 401, 404),
          },
        },
      },
      "/probes/field": {
        post: {
          summary: "A field probe report from a block HQ device (\"can we reach the portal?\"), or an array of up to 100 (an offline backlog); a resend of the same checkedAt is skipped",
          requestBody: { required: true, content: { "application/json": { schema: { oneOf: [fieldReport, { type: "array", minItems: 1, maxItems: 100, items: fieldReport }] } } } },
          responses: { "201": { description: "{ stored, duplicates }" }, ...errors(400, 401, 403, 415) },
        },
      },
      "/records/status": {
        post: {
          summary: "Mark records ENTERED or REJECTED; each item is answered on its own; repeating a request changes nothing",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { type: "object", required: ["items"], properties: { items: { type: "array", maxItems: 1000, items: z.toJSONSchema(ZStatusItem, { io: "input", unrepresentable: "any" }) } } },
              },
            },
          },
          responses: {
            "200": { description: "results[]: { index, recordId, result: changed | unchanged | error, status?, error? }" },
            ...errors(400, 401, 413, 415),
          },
        },
      },
    },
  };
}
