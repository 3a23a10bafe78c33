import "server-only";
import { AppError } from "@/server/errors/app-error";
import type { Role } from "@/server/generated/prisma/enums";
import type { ImportRowError } from "@/server/services/imports/import-types";

export type { TableRow } from "@/server/services/imports/read-table";
export type { ImportActor } from "@/server/services/imports/import-types";

export type PortalRowError = ImportRowError;

export type PortalReconcileResult = {
  rows: number;
  matched: number;
  /** Rows already reflected in the database: their portal_ref marks a record ENTERED, or already has an anomaly. */
  alreadyApplied: number;
  anomalies: number;
  rejected: number;
  errors: PortalRowError[];
};

export type PortalReconcileOptions = {
  importId: number;
  now: Date;
  onProgress?: (rowsRead: number) => void;
};

/** The actor's role may not reconcile portal exports at all; thrown before any row is read. */
export class PortalImportForbiddenError extends AppError {
  constructor(role: Role) {
    super("FORBIDDEN", "portalImportForbidden", { role: role.toLowerCase().replace(/_/g, " ") });
  }
}
