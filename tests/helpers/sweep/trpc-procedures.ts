import { z } from "zod";
import superjson from "superjson";
import { appRouter } from "@/server/api/root";
import type { Meta } from "@/server/api/trpc";
import type { JsonSchema } from "@/tests/helpers/sweep/values";
import { toJsonText } from "@/tests/helpers/sweep/values";

type ProcedureDef = { type: "query" | "mutation" | "subscription"; inputs: z.ZodType[]; meta?: Meta };

export type ProcedureInfo = { path: string; type: ProcedureDef["type"]; capability: string | undefined; input: JsonSchema | null; schema: z.ZodType | null };

const toJson = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    override: (ctx) => {
      if ((ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def.type === "date") (ctx.jsonSchema as JsonSchema)["x-date"] = true;
    },
  }) as JsonSchema;

/** Every procedure of the app router, read off the router itself: a new procedure is swept without editing a test. */
export function listProcedures(): ProcedureInfo[] {
  const table = (appRouter._def as unknown as { procedures: Record<string, { _def: ProcedureDef }> }).procedures;
  return Object.entries(table)
    .map(([path, p]) => ({ path, type: p._def.type, capability: p._def.meta?.capability, input: p._def.inputs[0] ? toJson(p._def.inputs[0]) : null, schema: p._def.inputs[0] ?? null }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** A real HTTP request to /api/trpc for one call, the way the browser's links send it (superjson, GET or POST). */
export function trpcRequest(procedure: ProcedureInfo, input: unknown, token: string): Request {
  const text = toJsonText(superjson.serialize(input as never));
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const url = `http://localhost/api/trpc/${procedure.path}`;
  if (procedure.type === "mutation") return new Request(url, { method: "POST", headers, body: text });
  return new Request(`${url}?input=${encodeURIComponent(text)}`, { headers });
}
