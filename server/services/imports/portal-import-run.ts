import "server-only";
import type { Db } from "@/server/db/client";
import { openTable, type TableRow, type TableSource, type TableSpec } from "@/server/services/imports/read-table";
import { reconcilePortalRows } from "@/server/services/imports/portal-import";
import { importerPlace, type ImportActor, type ImportRowError } from "@/server/services/imports/import-types";
import { PortalImportForbiddenError } from "@/server/services/imports/portal-types";
import { OPTIONAL_PORTAL_COLUMNS, PORTAL_COLUMNS } from "@/core/domain/portal-row";
import { failImport, reportImportProgress, startHeartbeat } from "@/server/services/imports/import-batches";

/** Columns may come in any order and case; mobile and site may be missing from older exports. */
const PORTAL_SPEC: TableSpec = {
  required: PORTAL_COLUMNS.filter((c) => !OPTIONAL_PORTAL_COLUMNS.has(c)),
  optional: [...OPTIONAL_PORTAL_COLUMNS],
};

export type PortalImportResult = {
  importId: number;
  rows: number;
  created: number;
  duplicates: number;
  rejected: number;
  matched: number;
  anomalies: number;
  errors: ImportRowError[];
};

/**
 * Reads a portal export and reconciles it; the batch records progress and a heartbeat and, on failure, the
 * error (the reconciliation itself writes the final counts).
 */
export async function runPortalImport(
  db: Db,
  actor: ImportActor,
  source: TableSource,
  options: { now: Date; importId?: number; onProgress?: (rowsRead: number) => void },
): Promise<PortalImportResult> {
  // As for registers: an API upload refused at the file's head leaves no batch; one the page opened records why.
  const open = () => openTable(source, PORTAL_SPEC);
  let table: AsyncGenerator<TableRow>;
  if (options.importId !== undefined) {
    const claimed = options.importId;
    table = await open().catch(async (error: unknown) => {
      await failImport(db, claimed, error instanceof Error ? error.message : String(error), new Date());
      throw error;
    });
  } else {
    table = await open();
  }
  const importId =
    options.importId ??
    (
      await db.importBatch.create({
        data: { kind: "PORTAL", fileName: source.fileName, uploadedById: actor.userId, ...importerPlace(actor, () => new PortalImportForbiddenError(actor.role)), heartbeatAt: new Date() },
      })
    ).id;
  let lastReported = 0;
  const onProgress = (rowsRead: number) => {
    options.onProgress?.(rowsRead);
    if (rowsRead - lastReported < 2_000) return;
    lastReported = rowsRead;
    void reportImportProgress(db, importId, rowsRead).catch(() => undefined);
  };
  const stopHeartbeat = startHeartbeat(db, importId);
  try {
    const result = await reconcilePortalRows(db, actor, table, { importId, now: options.now, onProgress });
    return {
      importId,
      rows: result.rows,
      created: 0,
      duplicates: result.alreadyApplied,
      rejected: result.rejected,
      matched: result.matched,
      anomalies: result.anomalies,
      errors: result.errors,
    };
  } catch (error) {
    await failImport(db, importId, error instanceof Error ? error.message : String(error), new Date());
    throw error;
  } finally {
    stopHeartbeat();
  }
}
