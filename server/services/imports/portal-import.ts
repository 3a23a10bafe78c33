/**
 * Reconciles a portal (CoWIN) export with the registers: rows that match a register record mark it ENTERED (with
 * history), rows that do not match with confidence go to the anomaly queue, unreadable rows are rejected with the
 * reason. All writes of one file happen in one transaction: a failure part-way leaves the database as it was.
 * Exports carry only the last 4 of an ID number, but a file may hold a full one anywhere (an unmasked
 * id_last4, an extra column): what is stored of a row goes through safeStoredCells first.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import type { Prisma } from "@/server/generated/prisma/client";
import { matchPortalRow, type RegisterCandidate } from "@/core/domain/portal-match";
import { parsePortalRow, type PortalRow } from "@/core/domain/portal-row";
import { storedPortalRow } from "@/core/domain/portal-evidence";
import { applyStatusChanges, type DbTx, type StatusChangeRequest } from "@/server/services/records/record-status";
import { loadCandidates, loadKnownAnomalies, type KnownAnomalies } from "@/server/services/imports/portal-candidates";
import { redactIdNumbers, safeStoredCells } from "@/server/services/imports/id-redaction";
import {
  PortalImportForbiddenError,
  type ImportActor,
  type PortalReconcileOptions,
  type PortalReconcileResult,
  type TableRow,
} from "@/server/services/imports/portal-types";
import { importerPlace, type ImporterPlace, type ImportRowError } from "@/server/services/imports/import-types";
import { loadImportLookup } from "@/server/services/imports/import-lookup";
import type { ImportLookup } from "@/core/domain/import-lookup";

/** Rows matched per candidate query: one query per ~1,000 rows, not one per row. */
export const PORTAL_BATCH_SIZE = 1_000;
/** The result lists at most this many errors; all of them are in import_rejections. */
export const MAX_ERRORS_RETURNED = 1_000;
// A 100k-row export takes well under a minute; the margin is for a slow disk, not for waiting on locks.
const TRANSACTION_TIMEOUT_MS = 10 * 60_000;
// Two exports reconciled at once could both match one pending record under different refs; this serialises them.
const RECONCILE_LOCK_KEY = 2_021_062_301;

type ValidRow = { rowNumber: number; cells: Record<string, string>; row: PortalRow; blockId: number };

type Context = {
  tx: DbTx;
  actor: ImportActor;
  /** The import's district, and the importer's own block (a data operator), or null for the whole district. */
  place: ImporterPlace;
  options: PortalReconcileOptions;
  lookup: ImportLookup;
  result: PortalReconcileResult;
  /** Portal refs sent to the anomaly queue earlier in this file. */
  queuedInFile: Set<string>;
};

export async function reconcilePortalRows(
  db: Db,
  actor: ImportActor,
  rows: AsyncIterable<TableRow>,
  options: PortalReconcileOptions,
): Promise<PortalReconcileResult> {
  // A data operator reconciles their own block's rows; the district officer any; nobody else.
  const place = importerPlace(actor, () => new PortalImportForbiddenError(actor.role));
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RECONCILE_LOCK_KEY})`;
      const batch = await tx.importBatch.findUnique({ where: { id: options.importId }, select: { kind: true, districtId: true } });
      if (batch?.kind !== "PORTAL" || batch.districtId !== place.districtId) throw new Error(`Import #${options.importId} is not a portal import of this district`);
      const lookup = await loadImportLookup(tx, place.districtId);
      const ctx: Context = {
        tx,
        place,
        actor,
        options,
        lookup,
        result: { rows: 0, matched: 0, alreadyApplied: 0, anomalies: 0, rejected: 0, errors: [] },
        queuedInFile: new Set(),
      };
      let pending: TableRow[] = [];
      for await (const row of rows) {
        pending.push(row);
        if (pending.length >= PORTAL_BATCH_SIZE) {
          await reconcileBatch(ctx, pending);
          pending = [];
        }
      }
      if (pending.length > 0) await reconcileBatch(ctx, pending);
      const { result } = ctx;
      await tx.importBatch.update({
        where: { id: options.importId },
        data: {
          rowsRead: result.rows,
          matched: result.matched,
          anomalies: result.anomalies,
          duplicates: result.alreadyApplied,
          rejected: result.rejected,
          status: "COMPLETED",
          // Written in the same transaction as the matches, so the batch can never say COMPLETED without them.
          finishedAt: options.now,
        },
      });
      return result;
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 30_000 },
  );
}


async function reconcileBatch(ctx: Context, rows: TableRow[]): Promise<void> {
  const { tx, options, result } = ctx;
  const rejections: Prisma.ImportRejectionCreateManyInput[] = [];
  const reject = (row: TableRow, problem: Rejected) => {
    const { column } = problem;
    const reason = redactIdNumbers(problem.reason);
    result.rejected += 1;
    if (result.errors.length < MAX_ERRORS_RETURNED) result.errors.push({ row: row.rowNumber, column, reason, ...(problem.key ? { key: problem.key, params: problem.params } : {}) });
    rejections.push({ districtId: ctx.place.districtId, importId: options.importId, rowNumber: row.rowNumber, column, reason, raw: safeStoredCells(row.cells) });
  };

  const valid: ValidRow[] = [];
  for (const tableRow of rows) {
    result.rows += 1;
    const checked = checkRow(ctx, tableRow);
    if ("reason" in checked) reject(tableRow, checked);
    else valid.push(checked);
  }

  const refs = [...new Set(valid.map((v) => v.row.portalRef))];
  const keys = valid.map((v) => ({ blockId: v.blockId, idLast4: v.row.idLast4, birthYear: v.row.birthYear }));
  const [candidates, known] = await Promise.all([loadCandidates(tx, ctx.place.districtId, keys, refs), loadKnownAnomalies(tx, ctx.place.districtId, refs)]);
  const byKey = groupBy(candidates, (c) => personKey(c.block, c.idLast4.trim(), c.birthYear));
  const byRef = groupBy(candidates.filter((c) => c.portalRef !== null), (c) => c.portalRef!);

  const changes: StatusChangeRequest[] = [];
  const anomalies: Prisma.AnomalyCreateManyInput[] = [];
  for (const v of valid) {
    const records = unique([...(byKey.get(personKey(v.row.block, v.row.idLast4, v.row.birthYear)) ?? []), ...(byRef.get(v.row.portalRef) ?? [])]);
    const outcome = matchPortalRow(v.row, records);
    if (outcome.kind === "ALREADY_APPLIED") {
      result.alreadyApplied += 1;
    } else if (outcome.kind === "MATCH") {
      const record = records.find((r) => r.id === outcome.recordId)!;
      // Later rows of this file must see the record as entered (a second ref for it is a duplicate).
      Object.assign(record, { status: "ENTERED", portalRef: v.row.portalRef });
      byRef.set(v.row.portalRef, [record]);
      changes.push({
        recordId: record.id,
        to: "ENTERED",
        portalRef: v.row.portalRef,
        enteredAt: v.row.enteredAt,
        note: `portal export, import #${options.importId} (row ${v.rowNumber})`,
      });
      result.matched += 1;
    } else if (isKnown(ctx, known, v.row.portalRef, outcome.kind)) {
      result.alreadyApplied += 1;
    } else {
      ctx.queuedInFile.add(v.row.portalRef);
      anomalies.push({
        kind: outcome.kind,
        districtId: ctx.place.districtId,
        blockId: v.blockId,
        recordId: outcome.recordId,
        candidateIds: outcome.candidateIds,
        portalRef: v.row.portalRef,
        portalRow: storedPortalRow(safeStoredCells(v.cells), v.row, redactIdNumbers(outcome.explanation)),
        importId: options.importId,
        createdAt: options.now,
      });
      result.anomalies += 1;
    }
  }

  // The uploader brought the file; the entries themselves were keyed in on the portal (timeliness tells them apart).
  await applyStatusChanges(tx, changes, ctx.actor.userId, "PORTAL_IMPORT", options.now);
  if (anomalies.length > 0) await tx.anomaly.createMany({ data: anomalies });
  if (rejections.length > 0) await tx.importRejection.createMany({ data: rejections });
  options.onProgress?.(result.rows);
}

type Rejected = Omit<ImportRowError, "row">;

function checkRow(ctx: Context, tableRow: TableRow): ValidRow | Rejected {
  const parsed = parsePortalRow(tableRow.cells, ctx.options.now, ctx.lookup);
  if (!parsed.ok) return { column: parsed.column, reason: parsed.reason, ...(parsed.key ? { key: parsed.key, params: parsed.params } : {}) };
  const { blockId } = parsed.row;
  if (ctx.place.blockId !== null && blockId !== ctx.place.blockId) {
    return { column: "block", reason: `row is for ${parsed.row.block}; a data operator reconciles only their own block's rows` };
  }
  return { rowNumber: tableRow.rowNumber, cells: tableRow.cells, row: parsed.row, blockId };
}

function isKnown(ctx: Context, known: KnownAnomalies, portalRef: string, kind: Parameters<KnownAnomalies["has"]>[1]): boolean {
  return ctx.queuedInFile.has(portalRef) || known.has(portalRef, kind);
}

function personKey(block: string, idLast4: string, birthYear: number): string {
  return `${block}\u0000${idLast4.toUpperCase()}\u0000${birthYear}`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function unique(records: RegisterCandidate[]): RegisterCandidate[] {
  return [...new Map(records.map((r) => [r.id, r])).values()];
}
