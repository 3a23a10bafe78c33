/**
 * Shared by the portal and anomaly integration tests. The integration database is shared with files that assert
 * on the demo figures, so everything these tests write is undone: new status changes, anomalies and imports are
 * deleted, and touched records get back the state they had before.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Db } from "@/server/db/client";
import type { VaccinationRecord } from "@/server/generated/prisma/client";
import type { SessionUser } from "@/server/auth/current-user";
import type { ImportActor, TableRow } from "@/server/services/imports/portal-types";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/portal");

export function fixtureRows(file: string): TableRow[] {
  const records: Record<string, string>[] = parse(readFileSync(path.join(FIXTURES, file), "utf8"), {
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    skip_empty_lines: true,
  });
  // Row 1 of the file is the header.
  return records.map((cells, i) => ({ rowNumber: i + 2, cells }));
}

export async function* streamOf(rows: TableRow[]): AsyncIterable<TableRow> {
  for (const row of rows) yield row;
}

export function actorOf(user: SessionUser): ImportActor {
  return { userId: user.id, role: user.role, stateId: user.stateId, districtId: user.districtId, blockId: user.blockId };
}

export async function newPortalImport(db: Db, user: SessionUser, fileName = "portal-export.csv"): Promise<number> {
  const batch = await db.importBatch.create({ data: { kind: "PORTAL", fileName, uploadedById: user.id, districtId: user.districtId!, blockId: user.blockId } });
  return batch.id;
}

export type DbMarks = { statusChange: number; anomaly: number; importBatch: number; records: Map<number, VaccinationRecord> };

/** Remembers where the tables end now, and the records of the blocks these tests may touch. */
export async function markDb(db: Db, blocks: string[]): Promise<DbMarks> {
  const [sc, an, ib, records] = await Promise.all([
    db.statusChange.aggregate({ _max: { id: true } }),
    db.anomaly.aggregate({ _max: { id: true } }),
    db.importBatch.aggregate({ _max: { id: true } }),
    db.vaccinationRecord.findMany({ where: { block: { name: { in: blocks } } } }),
  ]);
  return {
    statusChange: sc._max.id ?? 0,
    anomaly: an._max.id ?? 0,
    importBatch: ib._max.id ?? 0,
    records: new Map(records.map((r) => [r.id, r])),
  };
}

export async function undoSince(db: Db, marks: DbMarks): Promise<void> {
  const changed = await db.statusChange.findMany({ where: { id: { gt: marks.statusChange } }, select: { recordId: true } });
  const ids = [...new Set(changed.map((c) => c.recordId))];
  await db.$transaction(async (tx) => {
    for (const id of ids) {
      const before = marks.records.get(id);
      if (!before) throw new Error(`record ${id} changed outside the snapshot; widen markDb's blocks`);
      await tx.vaccinationRecord.update({
        where: { id },
        data: { status: before.status, enteredAt: before.enteredAt, portalRef: before.portalRef, rejectionReason: before.rejectionReason },
      });
    }
    await tx.statusChange.deleteMany({ where: { id: { gt: marks.statusChange } } });
    await tx.anomaly.deleteMany({ where: { id: { gt: marks.anomaly } } });
    await tx.importBatch.deleteMany({ where: { id: { gt: marks.importBatch } } });
  });
}
