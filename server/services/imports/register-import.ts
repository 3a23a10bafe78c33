/**
 * Imports an offline vaccination register (CSV or XLSX) as it streams in. Every good row of the file goes in
 * within one transaction (all or none); each bad row is reported with its row number, column and reason and
 * stored in import_rejections; rows already in the database (or earlier in the same file) count as
 * duplicates. Progress and a heartbeat are written to the ImportBatch outside the transaction so others can
 * watch it (and tell when its server died). A rejected row is stored with its ID number masked: the full
 * number exists only in memory, long enough to compute the keyed hash of the rows that go in.
 */
import "server-only";
import { createHash, type Hash } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { Prisma } from "@/server/generated/prisma/client";
import { hashIdNumber } from "@/server/services/imports/id-number";
import { REGISTER_COLUMNS, idHashInput, parseRegisterRow, type RegisterRow, type RowProblem } from "@/core/domain/register-row";
import { openTable, type TableRow } from "@/server/services/imports/read-table";
import { maskedIdProblems, redactIdNumbers, safeStoredCells } from "@/server/services/imports/id-redaction";
import { failImport, reportImportProgress, startHeartbeat } from "@/server/services/imports/import-batches";
import { RegisterPlaces } from "@/server/services/imports/register-places";
import { loadImportLookup } from "@/server/services/imports/import-lookup";
import { insertRecords, insertRejections, type PreparedRecord, type Rejection, type WriteContext } from "@/server/services/imports/register-writer";
import {
  importerPlace,
  type ImporterPlace,
  MAX_RESULT_ERRORS,
  type ImportActor,
  type ImportOptions,
  type ImportResult,
  type ImportRowError,
  type ImportSource,
} from "@/server/services/imports/import-types";

export { ImportForbiddenError } from "@/server/services/imports/import-types";
export type { ImportActor, ImportResult } from "@/server/services/imports/import-types";

type Tx = Prisma.TransactionClient;

/** Rows per INSERT: big enough that per-statement costs (triggers, round trips) vanish, small enough to stream. */
export const RECORD_BATCH = 5_000;
const REJECTION_BATCH = 1_000;
export const PROGRESS_EVERY = 2_000;
/** A 50 MB file over a slow link still has to fit; the transaction is open while the upload streams in. */
const TRANSACTION_TIMEOUT_MS = 15 * 60_000;
// Register imports take turns (per database): the "same person and dose" rule has no unique index to
// lean on, so two imports of overlapping files at once could otherwise both insert the same dose.
const IMPORT_LOCK_KEY = 2_021_061_601;


export async function importRegister(db: Db, actor: ImportActor, source: ImportSource, options: ImportOptions): Promise<ImportResult> {
  const place = importerPlace(actor);
  const now = options.now ?? new Date();
  const started = performance.now();
  const sha256 = createHash("sha256");
  const finishedAt = () => new Date(now.getTime() + Math.round(performance.now() - started));
  const open = () => openTable(source, REGISTER_COLUMNS, { maxBytes: options.maxBytes, onBytes: (chunk) => sha256.update(chunk) });
  // A batch the page opened records why its file was refused; an API upload refused at the file's head leaves
  // nothing behind (no batch is created for a file that cannot be imported at all). The batch beats from the
  // moment it exists, a slow upload's wait for its first row included.
  let importId = options.importId === undefined ? undefined : await openBatch(db, actor, place, source.fileName, now, options.importId);
  let stopHeartbeat = importId === undefined ? () => undefined : startHeartbeat(db, importId, options.heartbeatEveryMs);
  try {
    const table = await open();
    if (importId === undefined) {
      importId = await openBatch(db, actor, place, source.fileName, now);
      stopHeartbeat = startHeartbeat(db, importId, options.heartbeatEveryMs);
    }
    const id = importId;
    return await db.$transaction((tx) => runImport(db, tx, { actor, place, importId: id, now, options, table, sha256, finishedAt }), {
      timeout: TRANSACTION_TIMEOUT_MS,
      maxWait: 60_000,
    });
  } catch (error) {
    if (importId !== undefined) await failImport(db, importId, error instanceof Error ? error.message : String(error), finishedAt());
    throw error;
  } finally {
    stopHeartbeat();
  }
}

async function openBatch(db: Db, actor: ImportActor, place: ImporterPlace, fileName: string, now: Date, importId?: number): Promise<number> {
  const { districtId, blockId } = place;
  if (importId === undefined) {
    const batch = await db.importBatch.create({
      data: { kind: "REGISTER", fileName, uploadedById: actor.userId, districtId, blockId, startedAt: now, heartbeatAt: new Date() },
    });
    return batch.id;
  }
  const batch = await db.importBatch.findUnique({ where: { id: importId } });
  if (!batch || batch.kind !== "REGISTER" || batch.uploadedById !== actor.userId || batch.districtId !== districtId) {
    throw new Error(`Import ${importId} is not a register import of user ${actor.userId}`);
  }
  await db.importBatch.update({ where: { id: importId }, data: { status: "RUNNING", blockId, heartbeatAt: new Date() } });
  return importId;
}

type Run = {
  actor: ImportActor;
  place: ImporterPlace;
  importId: number;
  now: Date;
  options: ImportOptions;
  table: AsyncIterable<TableRow>;
  sha256: Hash;
  finishedAt: () => Date;
};

async function runImport(db: Db, tx: Tx, run: Run): Promise<ImportResult> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock($1::bigint)`, IMPORT_LOCK_KEY);
  const places = await RegisterPlaces.load(tx, run.importId, run.place.districtId);
  const lookup = await loadImportLookup(tx, run.place.districtId);
  const write: WriteContext = { importId: run.importId, districtId: run.place.districtId, actorId: run.actor.userId, now: run.now };
  const counts = { rows: 0, created: 0, duplicates: 0, rejected: 0 };
  const errors: ImportRowError[] = [];
  let records: PreparedRecord[] = [];
  let rejections: Rejection[] = [];
  // One batch is written while the next one is parsed (the database and the parser work at the same time),
  // and never more than one: the reader waits, so memory stays at about two batches whatever the file size.
  let writing: Promise<void> = Promise.resolve();
  const queue = async (job: () => Promise<void>) => {
    await writing;
    writing = job();
    // Awaited at the next queue() or at the end; this only keeps a failure meanwhile from counting as unhandled.
    writing.catch(() => undefined);
  };
  const flushRecords = () => {
    const batch = records;
    records = [];
    return queue(async () => {
      const unique = withoutInnerDuplicates(batch);
      const created = await insertRecords(tx, unique, await places.campIds(tx, unique), write);
      counts.created += created;
      counts.duplicates += batch.length - created;
    });
  };
  const flushRejections = () => {
    const batch = rejections;
    rejections = [];
    return queue(() => insertRejections(tx, { importId: run.importId, districtId: run.place.districtId }, batch));
  };
  const reject = async (row: TableRow, problems: RowProblem[]) => {
    counts.rejected += 1;
    // Reasons quote cells ("… is not a 4-digit year"), and a cell may hold an ID number in the wrong column.
    const raw = safeStoredCells(row.cells);
    for (const p of problems) {
      const reason = redactIdNumbers(p.reason);
      rejections.push({ rowNumber: row.rowNumber, column: p.column, reason, raw });
      if (errors.length < MAX_RESULT_ERRORS) errors.push({ row: row.rowNumber, column: p.column, reason, ...(p.key ? { key: p.key, params: p.params } : {}) });
    }
    if (rejections.length >= REJECTION_BATCH) await flushRejections();
  };

  try {
    for await (const row of run.table) {
      counts.rows += 1;
      if (counts.rows % PROGRESS_EVERY === 0) await reportProgress(db, run, counts.rows);
      const parsed = parseRegisterRow(row.cells, run.now, lookup);
      // A row from a rejected-rows download still holds the masked number: it must not go in as an ID.
      const masked = maskedIdProblems(row.cells);
      if (!parsed.ok || masked.length > 0) {
        await reject(row, [...masked, ...(parsed.ok ? [] : parsed.problems.filter((p) => !masked.some((m) => m.column === p.column)))]);
        continue;
      }
      const { blockId } = parsed.row;
      if (run.place.blockId !== null && blockId !== run.place.blockId) {
        await reject(row, [{ column: "block", reason: `block ${parsed.row.block} is not yours` }]);
      } else {
        records.push(prepare(row.rowNumber, parsed.row, blockId, run.options.idHashKey));
        if (records.length >= RECORD_BATCH) await flushRecords();
      }
    }
    await flushRecords();
    await flushRejections();
  } finally {
    // Never leave a write running when the transaction ends (commit or rollback).
    await writing.catch(() => undefined);
  }
  await writing;
  await places.removeUnused(tx);
  const newSites = await places.newSites(tx);
  await tx.importBatch.update({
    where: { id: run.importId },
    data: {
      status: "COMPLETED",
      rowsRead: counts.rows,
      created: counts.created,
      duplicates: counts.duplicates,
      rejected: counts.rejected,
      fileSha256: run.sha256.digest("hex"),
      finishedAt: run.finishedAt(),
      error: null,
    },
  });
  run.options.onProgress?.(counts.rows);
  return { importId: run.importId, ...counts, errors, newSites };
}

async function reportProgress(db: Db, run: Run, rowsRead: number): Promise<void> {
  await reportImportProgress(db, run.importId, rowsRead);
  run.options.onProgress?.(rowsRead);
}

function prepare(rowNumber: number, row: RegisterRow, blockId: number, idHashKey: string): PreparedRecord {
  return {
    rowNumber,
    blockId,
    site: row.site,
    campDate: row.campDate,
    registerSerial: row.registerSerial,
    vaccinatedAt: row.vaccinatedAt,
    dose: row.dose,
    vaccine: row.vaccine,
    beneficiaryName: row.beneficiaryName,
    birthYear: row.birthYear,
    sex: row.sex,
    mobile: row.mobile,
    idType: row.idType,
    idLast4: row.idLast4,
    idHash: hashIdNumber(idHashInput(row), idHashKey),
  };
}

/** The first of several rows in one batch with the same (block, serial) or (person, dose); later ones are duplicates. */
function withoutInnerDuplicates(batch: readonly PreparedRecord[]): PreparedRecord[] {
  const serials = new Set<string>();
  const doses = new Set<string>();
  return batch.filter((r) => {
    const serial = `${r.blockId}\u0000${r.registerSerial}`;
    const dose = `${r.idHash}\u0000${r.dose}`;
    if (serials.has(serial) || doses.has(dose)) return false;
    serials.add(serial);
    doses.add(dose);
    return true;
  });
}
