import "server-only";
import type { Db } from "@/server/db/client";
import type { Prisma } from "@/server/generated/prisma/client";
import type { ChangeSource, RecordStatus } from "@/server/generated/prisma/enums";

/** A Prisma client or an open transaction. */
export type DbTx = Prisma.TransactionClient | Db;

export type StatusChangeRequest =
  | { recordId: number; to: "ENTERED"; portalRef: string; enteredAt: Date; note?: string }
  | { recordId: number; to: "REJECTED"; reason: string; note?: string }
  | { recordId: number; to: "PENDING"; note?: string };

export type StatusChangeOutcome = { recordId: number; from: RecordStatus; to: RecordStatus; changed: boolean };

/**
 * Moves records to a new status and writes one history row per real change (who, how, when, from → to).
 * Idempotent: a record already in the asked-for state (same portal ref / reason) is left alone and
 * reported as unchanged. Callers check scope before; this only writes.
 */
export async function applyStatusChanges(
  tx: DbTx,
  requests: StatusChangeRequest[],
  actorId: number | null,
  source: ChangeSource,
  now: Date,
): Promise<StatusChangeOutcome[]> {
  if (requests.length === 0) return [];
  const current = await tx.vaccinationRecord.findMany({
    where: { id: { in: requests.map((r) => r.recordId) } },
    select: { id: true, districtId: true, status: true, portalRef: true, rejectionReason: true },
  });
  const byId = new Map(current.map((r) => [r.id, r]));
  const outcomes: StatusChangeOutcome[] = [];
  for (const request of requests) {
    const record = byId.get(request.recordId);
    if (!record) throw new Error(`Record ${request.recordId} does not exist`);
    const same =
      record.status === request.to &&
      (request.to !== "ENTERED" || record.portalRef === request.portalRef) &&
      (request.to !== "REJECTED" || record.rejectionReason === request.reason);
    if (same) {
      outcomes.push({ recordId: record.id, from: record.status, to: record.status, changed: false });
      continue;
    }
    const from = record.status;
    await tx.vaccinationRecord.update({ where: { id: record.id }, data: statusFields(request) });
    await tx.statusChange.create({
      data: { districtId: record.districtId, recordId: record.id, fromStatus: from, toStatus: request.to, changedAt: now, changedById: actorId, source, note: request.note ?? null },
    });
    // A later request for the same record in this batch sees the new state.
    Object.assign(record, { status: request.to, portalRef: request.to === "ENTERED" ? request.portalRef : null, rejectionReason: request.to === "REJECTED" ? request.reason : null });
    outcomes.push({ recordId: record.id, from, to: request.to, changed: true });
  }
  return outcomes;
}

function statusFields(request: StatusChangeRequest): Prisma.VaccinationRecordUpdateInput {
  switch (request.to) {
    case "ENTERED":
      return { status: "ENTERED", enteredAt: request.enteredAt, portalRef: request.portalRef, rejectionReason: null };
    case "REJECTED":
      return { status: "REJECTED", rejectionReason: request.reason, enteredAt: null, portalRef: null };
    case "PENDING":
      return { status: "PENDING", enteredAt: null, portalRef: null, rejectionReason: null };
  }
}
