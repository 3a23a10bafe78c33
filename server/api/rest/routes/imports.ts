import "server-only";
import { z } from "zod";
import { defineRoute, definePublicRoute } from "@/server/api/rest/route";
import { csvStreamResponse } from "@/server/api/rest/responses";
import { openUpload } from "@/server/api/rest/upload";
import { idText } from "@/core/contracts/ids";
import { AppError } from "@/server/errors/app-error";
import { appConfig } from "@/server/config";
import { importRegister } from "@/server/services/imports/register-import";
import { REGISTER_TEMPLATE_CSV } from "@/server/services/imports/register-template";
import { rejectedRowsCsv } from "@/server/services/imports/rejections-csv";
import { getImport } from "@/server/services/imports/import-batches";
import { runPortalImport } from "@/server/services/imports/portal-import-run";

const ZImportRowError = z.object({ row: z.number().int(), column: z.string().nullable(), reason: z.string() });

const ZImportResult = z.looseObject({
  importId: z.number().int(),
  rows: z.number().int().describe("data rows read = created + duplicates + rejected (register); = matched + duplicates + anomalies + rejected (portal)"),
  duplicates: z.number().int().describe("already present (register) / already applied (portal)"),
  rejected: z.number().int(),
  errors: z.array(ZImportRowError),
});

const UPLOAD_ERRORS = [411, 413, 415] as const;

export const registerImportRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/imports/register",
    operationId: "importRegister",
    summary: "Import an offline register (CSV or XLSX): all good rows in one transaction, each bad row with its reason",
    description: "File-level problems answer 400 (empty, header only, missing columns — named), 413 (over 50 MB, refused as soon as it crosses) or 415 (not CSV/XLSX). `X-Import-Id` names a batch the page opened to show progress.",
    tags: ["imports"],
    capability: "imports.run",
    body: "upload",
    responses: { description: "What became of the rows", json: ZImportResult.extend({ created: z.number().int(), newSites: z.array(z.unknown()) }) },
    errors: UPLOAD_ERRORS,
  },
  async ({ db, req, user, now }) => {
    const { importId, source } = await openUpload(db, req, user.id, "REGISTER", now);
    return importRegister(db, { ...user, userId: user.id }, source, { now, importId, idHashKey: appConfig().TEEKA_ID_HASH_KEY });
  },
);

export const portalImportRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/imports/portal",
    operationId: "importPortalExport",
    summary: "Reconcile a portal export: matches become ENTERED, the rest go to the anomaly queue",
    tags: ["imports"],
    capability: "imports.run",
    body: "upload",
    responses: { description: "What became of the rows", json: ZImportResult.extend({ matched: z.number().int(), anomalies: z.number().int() }) },
    errors: UPLOAD_ERRORS,
  },
  async ({ db, req, user, now }) => {
    const { importId, source } = await openUpload(db, req, user.id, "PORTAL", now);
    return runPortalImport(db, { ...user, userId: user.id }, source, { now, importId });
  },
);

/** The rejected rows of an import, with a reason column, to fix and re-import (streamed; ID numbers masked). */
export const rejectionsCsvRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/imports/{id}/rejections.csv",
    operationId: "getImportRejectionsCsv",
    summary: "The rejected rows of one of your imports, with their reasons, to fix and import again",
    tags: ["imports", "exports"],
    capability: "imports.read",
    params: { id: idText("The import id") },
    responses: { description: "The rows as read (ID numbers masked to their last 4) plus `row` and `reason`", csv: true },
  },
  async ({ db, user, scope, params }) => {
    const batch = await getImport(db, { userId: user.id, role: user.role, scope }, params.id);
    if (!batch) throw new AppError("NOT_FOUND", "importNotFound", { id: params.id });
    const lines = rejectedRowsCsv(db, params.id);
    return csvStreamResponse(`import-${params.id}-rejected-rows.csv`, async () => {
      const next = await lines.next();
      return next.done ? null : next.value;
    });
  },
);

export const registerTemplateRoute = definePublicRoute(
  {
    method: "GET",
    path: "/api/v1/imports/register-template.csv",
    operationId: "getRegisterTemplate",
    summary: "An empty offline-register template (the columns an import expects, two fictional example rows; public)",
    tags: ["imports"],
    capability: null,
    responses: { description: "The template", csv: true },
  },
  async () => new Response(REGISTER_TEMPLATE_CSV, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="register-template.csv"' } }),
);
