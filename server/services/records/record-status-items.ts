import "server-only";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { factWhere, scopeDistrictIds, type Scope } from "@/server/auth/scope";
import { ZStatusItem } from "@/core/contracts/records";
import { applyStatusChanges, type StatusChangeRequest } from "@/server/services/records/record-status";
import { blockDirectoryOf } from "@/server/services/backlog/blocks";

type StatusItem = z.infer<typeof ZStatusItem>;

export type ItemAnswer =
  | { index: number; recordId: number; result: "changed" | "unchanged"; status: string }
  | { index: number; recordId: number | null; result: "error"; error: string };

/**
 * POST /api/v1/records/status: each item is answered on its own. Items that are malformed, unknown or
 * outside the caller's scope get an error; the valid ones are applied together in one transaction.
 * Repeating a request changes nothing the second time (answered "unchanged").
 */
export async function applyStatusItems(db: Db, scope: Scope, actorId: number, rawItems: unknown[], now: Date): Promise<ItemAnswer[]> {
  const answers: ItemAnswer[] = [];
  const valid: { index: number; item: StatusItem }[] = [];
  rawItems.forEach((raw, index) => {
    const parsed = ZStatusItem.safeParse(raw);
    if (parsed.success) valid.push({ index, item: parsed.data });
    else answers.push({ index, recordId: null, result: "error", error: parsed.error.issues.map((i) => `${i.path.join(".") || "item"}: ${i.message}`).join("; ") });
  });

  const ids = await resolveRecordIds(db, scope, valid.map((v) => v.item));
  const requests: { index: number; request: StatusChangeRequest }[] = [];
  valid.forEach(({ index, item }, i) => {
    const recordId = ids[i];
    if (!recordId) {
      answers.push({ index, recordId: null, result: "error", error: "No such record in your scope." });
      return;
    }
    const request: StatusChangeRequest =
      item.status === "ENTERED"
        ? { recordId, to: "ENTERED", portalRef: item.portalRef!, enteredAt: now, note: "API" }
        : { recordId, to: "REJECTED", reason: item.reason!, note: "API" };
    requests.push({ index, request });
  });

  const outcomes = await db.$transaction((tx) => applyStatusChanges(tx, requests.map((r) => r.request), actorId, "API", now));
  outcomes.forEach((o, i) => answers.push({ index: requests[i]!.index, recordId: o.recordId, result: o.changed ? "changed" : "unchanged", status: o.to }));
  return answers.sort((a, b) => a.index - b.index);
}

/** Record ids in the caller's scope, in item order; undefined where there is none. */
async function resolveRecordIds(db: Db, scope: Scope, items: StatusItem[]): Promise<(number | undefined)[]> {
  const directory = await blockDirectoryOf(db, scopeDistrictIds(scope));
  const byId = items.flatMap((i) => (i.id ? [i.id] : []));
  const bySerial = items.flatMap((i) => (i.id === undefined && i.registerSerial ? [i.registerSerial] : []));
  const found = await db.vaccinationRecord.findMany({
    where: { AND: [factWhere(scope), { OR: [{ id: { in: byId } }, { registerSerial: { in: bySerial } }] }] },
    select: { id: true, blockId: true, registerSerial: true },
  });
  const ids = new Set(found.map((r) => r.id));
  const serials = new Map(found.map((r) => [`${r.blockId}:${r.registerSerial}`, r.id]));
  return items.map((i) => {
    if (i.id !== undefined) return ids.has(i.id) ? i.id : undefined;
    // A block name two districts of the scope share names neither: the item reads as not found.
    const matches = directory.find(i.block ?? "");
    return matches.length === 1 ? serials.get(`${matches[0]!.id}:${i.registerSerial}`) : undefined;
  });
}
