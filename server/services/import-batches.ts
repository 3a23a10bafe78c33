import type { Db } from "@/server/db/client";
import type { Scope } from "@/server/auth/scope";
import type { ImportKind, Role } from "@/server/generated/prisma/enums";
import { MAX_IMPORT_ID } from "@/server/imports/upload-headers";

export type ImportViewer = { userId: number; role: Role; scope: Scope };

/**
 * Who sees an import: the district officer sees all; anyone else only the imports they uploaded.
 * Rejected rows hold personal data, so this also guards the rejected-rows download.
 */
function visibleImports(viewer: ImportViewer) {
  if (viewer.scope.kind === "district") return {};
  if (viewer.scope.kind === "block") return { uploadedById: viewer.userId };
  return { id: { in: [] as number[] } };
}

const SUMMARY = {
  id: true,
  kind: true,
  fileName: true,
  status: true,
  rowsRead: true,
  created: true,
  duplicates: true,
  rejected: true,
  matched: true,
  anomalies: true,
  error: true,
  startedAt: true,
  finishedAt: true,
  uploadedBy: { select: { displayName: true } },
} as const;

/** Creates the batch before the upload starts, so the browser can poll its progress while it runs. */
export async function beginImport(db: Db, userId: number, blockId: number | null, kind: ImportKind, fileName: string) {
  return db.importBatch.create({ data: { kind, fileName, uploadedById: userId, blockId }, select: SUMMARY });
}

export async function getImport(db: Db, viewer: ImportViewer, id: number) {
  // An id past int4 (from any caller) is simply not an import, rather than a database error.
  if (!Number.isInteger(id) || id < 1 || id > MAX_IMPORT_ID) return null;
  return db.importBatch.findFirst({ where: { AND: [visibleImports(viewer), { id }] }, select: SUMMARY });
}

export async function listImports(db: Db, viewer: ImportViewer, take = 20) {
  return db.importBatch.findMany({ where: visibleImports(viewer), orderBy: { startedAt: "desc" }, take, select: SUMMARY });
}

/** A batch the uploader created with beginImport and has not used yet; null if it is not that. */
export async function claimableImport(db: Db, userId: number, id: number, kind: ImportKind) {
  return db.importBatch.findFirst({ where: { id, uploadedById: userId, kind, status: "RUNNING", rowsRead: 0 }, select: { id: true } });
}
