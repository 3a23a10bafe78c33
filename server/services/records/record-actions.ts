import "server-only";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { factWhere, canSeeBlock, type Scope } from "@/server/auth/scope";
import { applyStatusChanges, type StatusChangeOutcome, type StatusChangeRequest } from "@/server/services/records/record-status";
import { maskIdNumber, maskMobile } from "@/core/domain/masking";


export type RecordAction =
  | { kind: "ENTERED"; recordId: number; portalRef: string; enteredAt: Date }
  | { kind: "REJECTED"; recordId: number; reason: string };

/**
 * Marks records entered or rejected for a user. Every record must be in the user's scope: one outside it
 * fails the whole request exactly like a record that does not exist, and nothing is written.
 */
export async function markRecords(db: Db, scope: Scope, actorId: number, actions: RecordAction[], now: Date): Promise<StatusChangeOutcome[]> {
  const ids = [...new Set(actions.map((a) => a.recordId))];
  return db.$transaction(async (tx) => {
    const visible = await tx.vaccinationRecord.count({ where: { AND: [factWhere(scope), { id: { in: ids } }] } });
    if (visible !== ids.length) throw new AppError("NOT_FOUND", "recordsNotFound");
    const requests: StatusChangeRequest[] = actions.map((a) =>
      a.kind === "ENTERED"
        ? { recordId: a.recordId, to: "ENTERED", portalRef: a.portalRef, enteredAt: a.enteredAt, note: "marked entered" }
        : { recordId: a.recordId, to: "REJECTED", reason: a.reason, note: "marked rejected" },
    );
    return applyStatusChanges(tx, requests, actorId, "APP", now);
  });
}

export type RecordDetail = Awaited<ReturnType<typeof getRecordDetail>>;

/** One record with its status history, personal numbers masked; null when missing or out of scope. */
export async function getRecordDetail(db: Db, scope: Scope, recordId: number) {
  const record = await db.vaccinationRecord.findFirst({
    where: { AND: [factWhere(scope), { id: recordId }] },
    include: {
      camp: { include: { site: true } },
      block: true,
      history: { orderBy: [{ changedAt: "asc" }, { id: "asc" }], include: { changedBy: { select: { displayName: true } } } },
    },
  });
  if (!record) return null;
  return {
    id: record.id,
    block: record.block.name,
    site: record.camp.site.name,
    registerSerial: record.registerSerial,
    beneficiaryName: record.beneficiaryName,
    birthYear: record.birthYear,
    sex: record.sex,
    dose: record.dose,
    vaccine: record.vaccine,
    vaccinatedAt: record.vaccinatedAt,
    status: record.status,
    enteredAt: record.enteredAt,
    portalRef: record.portalRef,
    rejectionReason: record.rejectionReason,
    mobileMasked: maskMobile(record.mobile),
    idMasked: maskIdNumber(record.idType, record.idLast4),
    history: record.history.map((h) => ({
      id: h.id,
      from: h.fromStatus,
      to: h.toStatus,
      at: h.changedAt,
      by: h.changedBy?.displayName ?? "system",
      note: h.note,
      undoneAt: h.undoneAt,
      undoOfId: h.undoOfId,
    })),
  };
}

/**
 * Reverses a wrong "entered" or "rejected" mark: only the record's latest change, and only one that took
 * it out of PENDING (the earlier portal reference or reason is not kept, so other states cannot be restored).
 * The reversal is a history row of its own; the reversed row is stamped, never deleted.
 */
export async function undoStatusChange(db: Db, scope: Scope, actorId: number, changeId: number, now: Date): Promise<StatusChangeOutcome> {
  return db.$transaction(async (tx) => {
    const change = await tx.statusChange.findUnique({ where: { id: changeId }, include: { record: { select: { id: true, blockId: true, districtId: true } } } });
    const inScope = change && canSeeBlock(scope, { id: change.record.blockId, districtId: change.record.districtId });
    if (!change || !inScope) throw new AppError("NOT_FOUND", "changeNotFound", { id: changeId });
    if (change.undoneAt) throw new AppError("CONFLICT", "undoAlreadyUndone");
    if (change.fromStatus !== "PENDING" || change.toStatus === "PENDING") {
      throw new AppError("CONFLICT", "undoOnlyFromPending");
    }
    const latest = await tx.statusChange.findFirst({ where: { recordId: change.recordId }, orderBy: [{ changedAt: "desc" }, { id: "desc" }] });
    if (latest?.id !== change.id) throw new AppError("CONFLICT", "undoOnlyLatest");
    const [outcome] = await applyStatusChanges(tx, [{ recordId: change.recordId, to: "PENDING", note: `undo of change #${change.id}` }], actorId, "UNDO", now);
    const reversal = await tx.statusChange.findFirstOrThrow({ where: { recordId: change.recordId }, orderBy: { id: "desc" } });
    await tx.statusChange.update({ where: { id: reversal.id }, data: { undoOfId: change.id } });
    await tx.statusChange.update({ where: { id: change.id }, data: { undoneAt: now } });
    return outcome!;
  });
}
