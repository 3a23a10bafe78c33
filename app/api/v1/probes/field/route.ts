/**
 * POST /api/v1/probes/field — "can this block HQ reach the portal?", sent by a small script on a block HQ device
 * (issue 4). The report is tagged with the token owner's block; a district officer's token names the block in
 * `block` (name or slug). Body: one report, or an array of up to 100 (a device that was offline sends its
 * backlog when it reconnects):
 *   { "ok": false, "latencyMs": 20000, "error": "timeout", "checkedAt": "2021-06-21T10:05:00+05:30", "target": 1 }
 * `checkedAt` (default: now) must not be in the future (1 min of clock skew allowed) nor older than 24 h;
 * `target` is a probe target id (optional). A resend of the same checkedAt is skipped. Answers 201
 * `{ stored, duplicates }`, or 400/403 with a reason (for an array: which report).
 *
 * Example:
 *   curl -X POST https://teeka.example/api/v1/probes/field -H "Authorization: Bearer $TOKEN" \
 *        -H "Content-Type: application/json" -d '{"ok":true,"latencyMs":840}'
 *
 * A cron job for a block HQ (every 5 minutes: `*\/5 * * * * /usr/local/bin/teeka-field-probe.sh`):
 *   #!/bin/sh
 *   APP=https://teeka.example; TOKEN=paste-token-here; PORTAL=https://portal.example.gov.in/
 *   QUEUE=/var/tmp/teeka-field-queue.jsonl; NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ); T0=$(date +%s%3N)
 *   if curl -fsS -o /dev/null -m 20 "$PORTAL"; then OK=true; ERR=null; else OK=false; ERR="\"curl exit $?\""; fi
 *   MS=$(( $(date +%s%3N) - T0 ))
 *   echo "{\"ok\":$OK,\"latencyMs\":$MS,\"error\":$ERR,\"checkedAt\":\"$NOW\"}" >> "$QUEUE"
 *   tail -n 100 "$QUEUE" > "$QUEUE.tmp" && mv "$QUEUE.tmp" "$QUEUE"    # keep at most 100 (8 h at 5 min)
 *   BODY="[$(paste -sd, "$QUEUE")]"
 *   CODE=$(curl -sS -m 20 -o /dev/null -w '%{http_code}' -X POST "$APP/api/v1/probes/field" \
 *     -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data "$BODY")
 *   case "$CODE" in 201|400) : > "$QUEUE" ;; esac   # sent, or refused for good (e.g. older than 24 h)
 */
import { z } from "zod";
import { authenticate, problem, readJson } from "@/server/api/rest";
import { issuesText, NO_STORE, queryParams, serviceProblem } from "@/server/api/probe-rest";
import { ZFieldReport } from "@/server/api/schemas/probe-target";
import { canSeeBlock } from "@/server/auth/scope";
import { findBlockByNameOrSlug } from "@/server/services/blocks";
import { MAX_REPORTS_PER_REQUEST, recordFieldReports } from "@/server/services/field-reach";

export const dynamic = "force-dynamic";

const MAX_AGE_MS = 24 * 3_600_000;
const CLOCK_SKEW_MS = 60_000;
const FIELDS = ["ok", "latencyMs", "error", "checkedAt", "target", "block"];

const ZScriptReport = ZFieldReport.omit({ targetId: true }).extend({
  checkedAt: z.iso.datetime({ offset: true, error: "checkedAt must be an ISO 8601 date-time with Z or an offset, e.g. 2021-06-21T10:05:00+05:30." }).optional(),
  target: z.number({ error: "target must be a probe target's id (a number)." }).int().positive("target must be a probe target's id.").optional(),
  block: z.string({ error: "block must be a block's name or slug." }).trim().min(1, "block must not be empty.").max(60, "block is longer than 60 characters.").optional(),
});

type ScriptReport = z.output<typeof ZScriptReport>;

export async function POST(req: Request) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const { db, user, scope, now } = caller;
  const query = queryParams(req, []);
  if (query instanceof Response) return query;
  const body = await readJson(req, 200_000);
  if (body instanceof Response) return body;

  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0) return problem(400, "The array is empty; send at least one report.");
  if (items.length > MAX_REPORTS_PER_REQUEST) return problem(400, `At most ${MAX_REPORTS_PER_REQUEST} reports per request; send the rest in another request.`);
  const label = (i: number) => (Array.isArray(body) ? `Report ${i + 1}: ` : "");

  const reports: (ScriptReport & { at: Date })[] = [];
  for (const [i, item] of items.entries()) {
    const parsed = ZScriptReport.safeParse(item);
    if (!parsed.success) return problem(400, issuesText(parsed.error, FIELDS, label(i)));
    const at = parsed.data.checkedAt ? new Date(parsed.data.checkedAt) : now;
    if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) return problem(400, `${label(i)}checkedAt ${parsed.data.checkedAt} is in the future; check the device's clock.`);
    if (at.getTime() < now.getTime() - MAX_AGE_MS) return problem(400, `${label(i)}checkedAt ${parsed.data.checkedAt} is older than 24 hours; reports that old are not accepted, drop them.`);
    reports.push({ ...parsed.data, at });
  }

  // The block: the token owner's; a district officer names it. Resolved once per distinct name.
  const byBlock = new Map<number, typeof reports>();
  const resolved = new Map<string, number>();
  for (const [i, r] of reports.entries()) {
    let blockId: number;
    if (r.block === undefined) {
      if (scope.kind !== "block") return problem(400, `${label(i)}A district officer's token must name the block in "block" (name or slug, e.g. "pirpainti").`);
      blockId = scope.blockId;
    } else {
      const key = r.block.toLowerCase();
      let id = resolved.get(key);
      if (id === undefined) {
        const block = await findBlockByNameOrSlug(db, r.block);
        if (!block) return problem(400, `${label(i)}Unknown block "${r.block}"; use a block's name or slug as in GET /api/v1/backlog.`);
        if (!canSeeBlock(scope, block.id)) return problem(403, `${label(i)}Your token reports for your own block only, not ${block.name}; leave "block" out.`);
        id = block.id;
        resolved.set(key, id);
      }
      blockId = id;
    }
    byBlock.set(blockId, [...(byBlock.get(blockId) ?? []), r]);
  }

  // Checked before anything is stored, so that a multi-block request is stored whole or not at all.
  const targetIds = [...new Set(reports.map((r) => r.target).filter((t): t is number => t !== undefined))];
  const known = await db.probeTarget.findMany({ where: { id: { in: targetIds } }, select: { id: true } });
  const missing = targetIds.filter((t) => !known.some((k) => k.id === t));
  if (missing.length) return problem(400, `There is no probe target ${missing.join(", ")}; leave "target" out or use an id from GET /api/v1/probes.`);

  let stored = 0;
  let duplicates = 0;
  try {
    for (const [blockId, group] of byBlock) {
      const result = await recordFieldReports(db, {
        blockId,
        reportedById: user.id,
        source: "SCRIPT",
        now,
        reports: group.map((r) => ({ ok: r.ok, latencyMs: r.latencyMs, error: r.error, targetId: r.target, checkedAt: r.at })),
      });
      stored += result.stored;
      duplicates += result.duplicates;
    }
  } catch (error) {
    return serviceProblem(error);
  }
  return Response.json({ stored, duplicates }, { status: 201, headers: NO_STORE });
}
