import { z } from "zod";
import { authenticate, problem } from "@/server/api/rest";
import { NO_STORE, queryParams, targetIdFrom } from "@/server/api/probe-rest";
import { rangeProblem } from "@/server/api/schemas/probe-target";
import { incidentsCsvRows } from "@/server/domain/incidents";
import { safeCsvLines, UTF8_BOM } from "@/server/imports/csv-safe";
import { listIncidents } from "@/server/services/probe-history";

export const dynamic = "force-dynamic";

/** ISO 8601 with a date; a time needs an offset (Z or +05:30) so that nobody guesses the zone. */
const ZInstant = (name: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, `${name} must be an ISO 8601 date or date-time with offset, e.g. 2021-06-21 or 2021-06-21T10:00:00+05:30.`)
    .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00+05:30` : s))
    .refine((d) => !Number.isNaN(d.getTime()), `${name} is not a real date.`);

const ZQuery = z.object({ from: ZInstant("from").optional(), to: ZInstant("to").optional(), format: z.enum(["json", "csv"], { error: 'format must be "json" or "csv".' }).default("json") });

/**
 * The incident log of a target, oldest first: JSON `{ incidents }`, or `?format=csv` as a download (formula
 * cells neutralised). `from`/`to` keep the incidents that overlap that range; a bare date is midnight IST.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const id = await targetIdFrom(params);
  if (id instanceof Response) return id;
  const query = queryParams(req, ["from", "to", "format"]);
  if (query instanceof Response) return query;
  const parsed = ZQuery.safeParse(query);
  if (!parsed.success) return problem(400, parsed.error.issues.map((i) => i.message).join(" "));
  const { from, to, format } = parsed.data;
  if (from && to) {
    const reason = rangeProblem(from, to);
    if (reason) return problem(400, reason);
  }
  const target = await caller.db.probeTarget.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!target) return problem(404, `There is no probe target ${id}.`);
  const incidents = await listIncidents(caller.db, id, { from, to }, caller.now);
  if (format === "csv") {
    return new Response(UTF8_BOM + safeCsvLines(incidentsCsvRows(incidents)), {
      headers: { ...NO_STORE, "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="probe-${id}-incidents.csv"` },
    });
  }
  return Response.json({ targetId: id, name: target.name, generatedAt: caller.now, incidents }, { headers: NO_STORE });
}
