import { REST_ROUTES } from "@/server/api/rest/registry";
import { openApiDocument } from "@/server/api/rest/openapi";
import type { RestRoute } from "@/server/api/rest/route";
import { withTestRuntime } from "@/tests/helpers/rest";
import { baseValue, HOSTILE_TEXTS, HOSTILE_VALUES, isLegitimate, leaves, toJsonText, withLeaf, type JsonSchema } from "@/tests/helpers/sweep/values";

type Parameter = { name: string; in: "path" | "query"; schema: JsonSchema };
type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } };

export type RestOperation = { path: string; method: string; parameters: Parameter[]; body: JsonSchema | "upload" | null; route: RestRoute };

/** Every operation of the OpenAPI document, with the route that serves it: a new route is swept without editing a test. */
export function listRestOperations(): RestOperation[] {
  const doc = openApiDocument(REST_ROUTES) as { paths: Record<string, Record<string, Operation>> };
  const out: RestOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const route = REST_ROUTES.find((r) => r.spec.path === `/api/v1${path}` && r.spec.method === method.toUpperCase());
      if (!route) throw new Error(`The document names ${method} ${path}, which no route serves`);
      const content = op.requestBody?.content ?? {};
      const body = content["application/json"]?.schema ?? (Object.keys(content).length ? "upload" : null);
      out.push({ path, method: method.toUpperCase(), parameters: op.parameters ?? [], body, route });
    }
  }
  return out;
}

/** A path parameter's plausible value: an id is "1", a block its slug. */
function basePathValue(p: Parameter): string {
  const type = Array.isArray(p.schema.type) ? p.schema.type[0] : p.schema.type;
  return type === "integer" ? "1" : p.name === "block" ? "pirpainti" : "1";
}

type Variant = { where: string; params: Record<string, string>; query: [string, string][]; body?: string; headers?: Record<string, string> };

function variants(op: RestOperation): Variant[] {
  const pathParams = op.parameters.filter((p) => p.in === "path");
  const queryParams = op.parameters.filter((p) => p.in === "query");
  const params = Object.fromEntries(pathParams.map((p) => [p.name, basePathValue(p)]));
  const base = op.body && op.body !== "upload" ? baseValue(op.body) : undefined;
  const baseBody = base === undefined ? undefined : toJsonText(base);
  const out: Variant[] = [];
  for (const p of pathParams) for (const h of HOSTILE_TEXTS) out.push({ where: `${p.name}=${h.label}`, params: { ...params, [p.name]: h.value }, query: [], body: baseBody });
  for (const p of queryParams) for (const h of HOSTILE_TEXTS) out.push({ where: `?${p.name}=${h.label}`, params, query: [[p.name, h.value]], body: baseBody });
  out.push({ where: "?unknown", params, query: [["colour", "red"]], body: baseBody });
  if (queryParams[0]) out.push({ where: "?repeated", params, query: [[queryParams[0].name, "1"], [queryParams[0].name, "2"]], body: baseBody });
  if (base !== undefined) {
    const schema = op.route.spec.body;
    for (const leaf of leaves(base)) {
      for (const h of HOSTILE_VALUES) {
        const value = withLeaf(base, leaf.path, h.value);
        if (isLegitimate(h, () => (schema && schema !== "upload" ? schema.safeParse(value).success : false))) continue;
        out.push({ where: `body ${JSON.stringify(leaf.path)}=${h.label}`, params, query: [], body: toJsonText(value) });
      }
    }
    out.push({ where: "body not JSON", params, query: [], body: "{not json" });
    out.push({ where: "body text/plain", params, query: [], body: baseBody, headers: { "content-type": "text/plain" } });
    out.push({ where: "body empty", params, query: [], body: "" });
  }
  if (op.body === "upload") {
    for (const h of HOSTILE_TEXTS) out.push({ where: `X-File-Name=${h.label}`, params, query: [], body: "", headers: { "content-type": "text/csv", "x-file-name": h.value.replaceAll("\u0000", "%00") } });
    for (const h of HOSTILE_TEXTS) out.push({ where: `X-Import-Id=${h.label}`, params, query: [], body: "", headers: { "content-type": "text/csv", "x-file-name": "f.csv", "x-import-id": h.value.replaceAll("\u0000", "") } });
  }
  return out;
}

/** The requests of every variant of an operation, signed with `token` (made fresh for each call). */
export function restRequests(op: RestOperation, token: string): { where: string; request: () => { req: Request; params: Record<string, string> } }[] {
  return variants(op).map((v) => ({
    where: `${op.method} ${op.path} ${v.where}`,
    request: () => {
      const search = new URLSearchParams(v.query).toString();
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(v.params[name] ?? ""));
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(v.body !== undefined ? { "content-type": "application/json" } : {}), ...v.headers };
      const req = new Request(`http://localhost/api/v1${path}${search ? `?${search}` : ""}`, {
        method: op.method,
        headers,
        ...(op.method !== "GET" && v.body !== undefined ? { body: v.body } : {}),
      });
      return { req, params: v.params };
    },
  }));
}

/** Calls the operation's route handler, as Next.js would, at the pinned test clock; SSE answers are cut off at once. */
export async function callRest(op: RestOperation, call: { req: Request; params: Record<string, string> }): Promise<Response> {
  const abort = new AbortController();
  const req = new Request(call.req, { signal: abort.signal });
  const res = await withTestRuntime(() => op.route.handle(req, { params: Promise.resolve(call.params) }));
  if (res.headers.get("content-type")?.startsWith("text/event-stream")) {
    abort.abort();
    await res.body?.cancel().catch(() => undefined);
  }
  return res;
}
