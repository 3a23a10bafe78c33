import "server-only";
import type { Db } from "@/server/db/client";
import { districtIdWhere, type Scope } from "@/server/auth/scope";
import type { ImporterPlace } from "@/server/services/imports/import-types";
import type { ImportKind, Role } from "@/server/generated/prisma/enums";
import { redactIdNumbers } from "@/server/services/imports/id-redaction";
import { MAX_IMPORT_ID } from "@/server/services/imports/upload-headers";

export type ImportViewer = { userId: number; role: Role; scope: Scope };

/** A running import writes its heartbeat at least this often, rows or no rows (a slow upload still beats). */
export const HEARTBEAT_EVERY_MS = 10_000;
/** A RUNNING batch silent for longer lost its server: six missed beats, far past any pause of a live one. */
export const STALE_AFTER_MS = 60_000;

/** The import's transaction died with its server, so none of its rows were saved. */
export const SERVER_STOPPED = "The server stopped during this import; nothing from it was saved — import the file again.";
/** The page opened a batch, but the upload never reached a server. */
export const UPLOAD_NEVER_ARRIVED = "The file never reached the server (the page was closed or the connection dropped); nothing was saved — import the file again.";

/** Errors the Imports page shows in the user's language (recentImports.errors.*), by the message stored. */
const ERROR_KEYS = { [SERVER_STOPPED]: "serverStopped", [UPLOAD_NEVER_ARRIVED]: "uploadNeverArrived" } as const;
export type ImportErrorKey = (typeof ERROR_KEYS)[keyof typeof ERROR_KEYS];

/**
 * Who sees an import: the district officer sees all; anyone else only the imports they uploaded.
 * Rejected rows hold personal data, so this also guards the rejected-rows download.
 */
function visibleImports(viewer: ImportViewer) {
  if (viewer.scope.kind === "block") return { districtId: viewer.scope.districtId, uploadedById: viewer.userId };
  return districtIdWhere(viewer.scope);
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

function withErrorKey<T extends { error: string | null }>(batch: T): T & { errorKey: ImportErrorKey | null } {
  return { ...batch, errorKey: (batch.error && ERROR_KEYS[batch.error as keyof typeof ERROR_KEYS]) || null };
}

/** Creates the batch before the upload starts, so the browser can poll its progress while it runs. */
export async function beginImport(db: Db, userId: number, place: ImporterPlace, kind: ImportKind, fileName: string) {
  // Shown on the Imports page and in CSV cells: control characters (a NUL, a line break) are dropped.
  const name = fileName.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim() || "upload";
  return withErrorKey(await db.importBatch.create({ data: { kind, fileName: name, uploadedById: userId, districtId: place.districtId, blockId: place.blockId }, select: SUMMARY }));
}

export async function getImport(db: Db, viewer: ImportViewer, id: number) {
  if (!Number.isInteger(id) || id < 1 || id > MAX_IMPORT_ID) return null;
  await failStaleImports(db, new Date());
  const batch = await db.importBatch.findFirst({ where: { AND: [visibleImports(viewer), { id }] }, select: SUMMARY });
  return batch ? withErrorKey(batch) : null;
}

export async function listImports(db: Db, viewer: ImportViewer, take = 20) {
  await failStaleImports(db, new Date());
  const batches = await db.importBatch.findMany({ where: visibleImports(viewer), orderBy: { startedAt: "desc" }, take, select: SUMMARY });
  return batches.map(withErrorKey);
}

/**
 * Takes a batch the uploader opened with beginImport for this upload: atomically, so two requests naming
 * the same id cannot both run in it. False if it is not that (someone else's, another kind, used, finished).
 */
export async function claimImport(db: Db, userId: number, id: number, kind: ImportKind): Promise<boolean> {
  const { count } = await db.importBatch.updateMany({
    where: { id, uploadedById: userId, kind, status: "RUNNING", heartbeatAt: null },
    data: { heartbeatAt: new Date() },
  });
  return count === 1;
}

/** Ends a batch as FAILED; the message is what the user reads, so ID-shaped numbers in it are masked. */
export async function failImport(db: Db, id: number, message: string, finishedAt: Date): Promise<void> {
  await db.importBatch.update({ where: { id }, data: { status: "FAILED", error: redactIdNumbers(message), finishedAt } });
}

/**
 * Beats for a running import until the returned function is called. Written outside the import's
 * transaction (others must see it), on a timer so that an upload that is slow to send rows still beats.
 */
export function startHeartbeat(db: Db, id: number, everyMs = HEARTBEAT_EVERY_MS): () => void {
  const beat = () => void db.importBatch.updateMany({ where: { id, status: "RUNNING" }, data: { heartbeatAt: new Date() } }).catch(() => undefined);
  beat();
  const timer = setInterval(beat, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Progress while running (rows read so far), which is also a heartbeat. */
export async function reportImportProgress(db: Db, id: number, rowsRead: number): Promise<void> {
  await db.importBatch.updateMany({ where: { id, status: "RUNNING" }, data: { rowsRead, heartbeatAt: new Date() } });
}

/**
 * Marks FAILED every RUNNING batch whose server is gone: no heartbeat for STALE_AFTER_MS (or, never
 * claimed by an upload, opened that long ago). Only stale ones, so one instance's start or page view never
 * ends another instance's live import. Run at start-up and whenever imports are listed or polled.
 */
export async function failStaleImports(db: Db, now: Date, staleAfterMs = STALE_AFTER_MS): Promise<number> {
  const cutoff = new Date(now.getTime() - staleAfterMs);
  return db.$executeRaw`
    UPDATE import_batches
       SET status = 'FAILED',
           error = CASE WHEN heartbeat_at IS NULL THEN ${UPLOAD_NEVER_ARRIVED} ELSE ${SERVER_STOPPED} END,
           finished_at = ${now.toISOString()}::timestamp(3)
     WHERE status = 'RUNNING' AND COALESCE(heartbeat_at, started_at) < ${cutoff.toISOString()}::timestamp(3)`;
}
