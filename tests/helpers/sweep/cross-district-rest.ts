/** How the cross-district sweep calls a REST operation as one of its actors, and what it reads of the answer. */
import { callRest, type RestOperation } from "@/tests/helpers/sweep/rest-operations";
import { testDb } from "@/tests/helpers/callers";
import type { Actor } from "@/tests/helpers/sweep/cross-district";

export type RestCall = { path: Record<string, string>; query: [string, string][]; body?: string; headers?: Record<string, string> };

export async function rest(op: RestOperation, actor: Actor, call: RestCall, tokens: Readonly<Record<string, string>>): Promise<{ status: number; key: string; text: string; disposition: string }> {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(call.path[name] ?? ""));
  const query = [...call.query, ...(actor.focus ? [["district", actor.focus] as [string, string]] : [])];
  const search = new URLSearchParams(query.filter(([k], i, all) => all.findIndex(([j]) => j === k) === i)).toString();
  const headers: Record<string, string> = { authorization: `Bearer ${tokens[actor.username]}`, ...(call.body !== undefined ? { "content-type": "application/json" } : {}), ...call.headers };
  const req = new Request(`http://localhost/api/v1${path}${search ? `?${search}` : ""}`, { method: op.method, headers, ...(call.body !== undefined ? { body: call.body } : {}) });
  const res = await callRest(op, { req, params: call.path });
  const sse = res.headers.get("content-type")?.startsWith("text/event-stream");
  const text = sse ? "event stream" : await res.text();
  let key = "-";
  if (res.status >= 400) key = ((JSON.parse(text) as { key?: string }).key ?? "-");
  return { status: res.status, key, text: res.status >= 400 ? (JSON.parse(text) as { error?: string }).error ?? text : text, disposition: res.headers.get("content-disposition") ?? "" };
}

/** Bodies the document cannot describe field by field (an item list of z.unknown()): what the route reads. */
export function opaqueBody(op: RestOperation, recordId: number): unknown {
  if (op.route.spec.operationId === "updateRecordStatus" || op.path === "/records/status") return { items: [{ id: recordId, status: "ENTERED", portalRef: "CWN-SWEEP-0001" }] };
  return null;
}

export const maxId = async (model: "importBatch" | "site" | "camp" | "anomaly"): Promise<number> =>
  ((await (testDb()[model] as unknown as { aggregate: (a: unknown) => Promise<{ _max: { id: number | null } }> }).aggregate({ _max: { id: true } }))._max.id ?? 0);

/** A time as the register and the portal write it: IST, to the minute. */
export const istMinute = (d: Date) => new Date(d.getTime() + 5.5 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
