import "server-only";
import { AppError } from "@/server/errors/app-error";
import { can } from "@/server/auth/policy";
import { scopeFor } from "@/server/auth/scope";
import type { Role } from "@/server/generated/prisma/enums";
import type { ErrorKey } from "@/core/errors/english";

/** Who is importing, with their place: their district decides which blocks a file may name, a data operator's block which rows. */
export type ImportActor = { userId: number; role: Role; stateId: number | null; districtId: number | null; blockId: number | null };

/** Where an import goes: one district, and for a data operator one block of it (null: any block of the district). */
export type ImporterPlace = { districtId: number; blockId: number | null };

/** `reason` in English; `key`/`params` (when the reason has a message key) let a screen show it in the reader's language. */
export type ImportRowError = { row: number; column: string | null; reason: string; key?: ErrorKey; params?: Record<string, string> };

export type ImportResult = {
  importId: number;
  /** Data rows read; always created + duplicates + rejected. */
  rows: number;
  created: number;
  /** Rows already present (same block + register serial, or same person and dose): not errors. */
  duplicates: number;
  /** Rows with at least one problem; each problem is one entry of `errors` and one import_rejections row. */
  rejected: number;
  /** The first MAX_RESULT_ERRORS problems; all of them are stored in import_rejections. */
  errors: ImportRowError[];
  /** Sites first seen in this file, created unconfirmed for the district officer to confirm or merge. */
  newSites: { id: number; block: string; name: string }[];
};

export const MAX_RESULT_ERRORS = 500;

/** Thrown before anything is read when the actor may not import registers. */
export class ImportForbiddenError extends AppError {
  constructor() {
    super("FORBIDDEN", "importForbidden");
  }
}

/**
 * The district an importer's rows go into and the one block they may be for (a data operator's own; null for a
 * district-wide importer); refused (before anything is read) for anyone the policy does not let import, and for a
 * state-wide scope, which has no one district to import into. Scope decides the rest.
 */
export function importerPlace(actor: ImportActor, refusal: () => AppError = () => new ImportForbiddenError()): ImporterPlace {
  if (!can(actor, "imports.run")) throw refusal();
  const scope = scopeFor(actor);
  if (scope.kind === "block") return { districtId: scope.districtId, blockId: scope.blockId };
  if (scope.kind === "district") return { districtId: scope.districtId, blockId: null };
  throw refusal();
}

export type ImportSource = { bytes: AsyncIterable<Uint8Array>; fileName: string; contentType?: string | null };

export type ImportOptions = {
  now?: Date;
  onProgress?: (rowsRead: number) => void;
  /** An ImportBatch created beforehand (e.g. by the upload route, to poll progress); otherwise one is created. */
  importId?: number;
  /** The server's key for the keyed ID-number hash (TEEKA_ID_HASH_KEY). */
  idHashKey: string;
  /** Byte limit; MAX_IMPORT_BYTES unless a caller has a reason for less. */
  maxBytes?: number;
  /** How often the batch's heartbeat is written; HEARTBEAT_EVERY_MS unless a test needs it sooner. */
  heartbeatEveryMs?: number;
};
