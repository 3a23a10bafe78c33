import "server-only";
import { z } from "zod";
import type { RestRoute, ResponseSpec } from "@/server/api/rest/route";

type Json = Record<string, unknown>;

const schemaOf = (schema: z.ZodType, io: "input" | "output"): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
  void _drop;
  return rest;
};

const ERROR_TEXT: Record<number, string> = {
  400: "Bad input; `error` says what and where",
  401: "No session and no valid bearer token",
  403: "The caller's role may not do this",
  404: "No such item in the caller's scope (an item outside it reads the same)",
  409: "Conflicts with the current state (e.g. the name is taken)",
  411: "A multipart upload without Content-Length; send the raw file instead",
  413: "Body over the size limit (stated in `error`)",
  415: "Not JSON (or not CSV/XLSX for an import)",
  429: "Too many requests; `Retry-After` says when to try again",
  503: "The database (or the PDF renderer) is unavailable or busy; `Retry-After` says when to try again",
};

const errorResponse = (status: number) => [String(status), { description: ERROR_TEXT[status] ?? "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }] as const;

function parameters(route: RestRoute): Json[] {
  const { params = {}, query = {} } = route.spec;
  const one = (where: "path" | "query") => ([name, schema]: [string, z.ZodType]) => {
    const json = schemaOf(schema, "input");
    const { description, ...rest } = json;
    return { name, in: where, required: where === "path" || !schema.safeParse(undefined).success, schema: rest, ...(description ? { description } : {}) };
  };
  const own = [...Object.entries(params as Record<string, z.ZodType>).map(one("path")), ...Object.entries(query as Record<string, z.ZodType>).map(one("query"))];
  // Every signed-in operation takes the district a state officer narrows to (see district-focus.ts).
  return route.spec.capability === null ? own : [...own, { $ref: "#/components/parameters/District" }];
}

function requestBody(route: RestRoute): Json | undefined {
  const { body, batch } = route.spec;
  if (!body) return undefined;
  if (body === "upload") {
    return {
      required: true,
      description: "The file as the raw body (streamed; send its name in X-File-Name), or multipart/form-data with a `file` field. Up to 50 MB.",
      content: {
        "text/csv": { schema: { type: "string", format: "binary" } },
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } },
        "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } } } },
      },
    };
  }
  const item = schemaOf(body, "input");
  const schema = batch ? { oneOf: [item, { type: "array", items: item, minItems: 1, maxItems: batch.max }] } : item;
  return { required: true, content: { "application/json": { schema } } };
}

function success(spec: ResponseSpec): Json {
  const content: Json = {};
  if (spec.json) content["application/json"] = { schema: schemaOf(spec.json, "output") };
  if (spec.csv) content["text/csv"] = { schema: { type: "string" } };
  if (spec.pdf) content["application/pdf"] = { schema: { type: "string", format: "binary" } };
  if (spec.sse) content["text/event-stream"] = { schema: { type: "string" } };
  return { description: spec.description, content };
}

/** The OpenAPI 3.1 description of /api/v1, derived from the schemas the routes validate with. */
export function openApiDocument(routes: readonly RestRoute[]): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const { spec } = route;
    const isPublic = spec.capability === null;
    const errors = new Set<number>([400, ...(isPublic ? [] : [401, 403, 404]), 503, ...(spec.errors ?? [])]);
    if (spec.body) [413, 415].forEach((s) => errors.add(s));
    const path = spec.path.replace(/^\/api\/v1/, "");
    paths[path] = {
      ...paths[path],
      [spec.method.toLowerCase()]: {
        operationId: spec.operationId,
        summary: spec.summary,
        ...(spec.description ? { description: spec.description } : {}),
        tags: spec.tags,
        ...(isPublic ? { security: [] } : {}),
        parameters: parameters(route),
        ...(requestBody(route) ? { requestBody: requestBody(route) } : {}),
        responses: { [String(spec.responses.status ?? 200)]: success(spec.responses), ...Object.fromEntries([...errors].sort().map(errorResponse)) },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Teeka Monitor API",
      version: "1",
      description: "Backlog of offline vaccination register entries against the portal's entry deadline, per block.",
      license: { name: "Proprietary: for the health department that runs this installation" },
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    components: {
      parameters: {
        District: {
          name: "district",
          in: "query",
          required: false,
          description: "A state officer's narrowing to one district of the state (its id, or its slug as in the district page's address); for other callers their own district or nothing. Another district reads as 404.",
          schema: { type: "string", pattern: "^[a-zA-Z0-9-]+$", maxLength: 80 },
        },
      },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A token the district officer creates under API tokens; it acts with its creator's scope." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error", "code", "key"],
          properties: {
            error: { type: "string", description: "what was wrong and what to do, in English" },
            code: { type: "string", enum: ["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "LENGTH_REQUIRED", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "TOO_MANY_REQUESTS", "UNAVAILABLE", "INTERNAL"] },
            key: { type: "string", description: "the message key (the app shows it in Hindi or English)" },
            params: { type: "object", additionalProperties: { type: ["string", "number"] } },
            issues: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" }, key: { type: "string" }, code: { type: "string" } } } },
            requestId: { type: "string" },
          },
        },
      },
    },
    paths,
  };
}
