import { z } from "zod";
import { ZStatusItem } from "@/server/api/schemas/records";

const bearer = [{ bearerAuth: [] }, { sessionCookie: [] }];
const errorBody = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { description: ERROR_TEXT[c] ?? "Error", ...errorBody }]));
const ERROR_TEXT: Record<number, string> = {
  400: "Bad input; `error` says what and where",
  401: "No session and no valid bearer token",
  403: "Outside the caller's scope or role",
  404: "No such item in the caller's scope",
  413: "Body over the size limit (stated in `error`)",
  415: "Not a CSV/XLSX file, or not JSON",
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
          parameters: [{ name: "block", in: "query", required: false, schema: { type: "string" }, description: "block name, slug or historical spelling" }],
          responses: { "200": { description: "generatedAt, deadlineHours, district summary, blocks[]" }, ...errors(400, 401, 403) },
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
