import { z } from "zod";

const ZDateTime = z.iso.datetime();

const ZPortalSide = z.object({
  portalRef: z.string(),
  beneficiaryName: z.string(),
  birthYear: z.number().int(),
  sex: z.string(),
  idMasked: z.string(),
  mobileMasked: z.string(),
  dose: z.number().int(),
  vaccinatedAt: ZDateTime,
  vaccinatedDateOnly: z.boolean(),
  site: z.string().nullable(),
  block: z.string(),
  enteredAt: ZDateTime,
}).loose();

const ZRegisterSide = z.object({
  id: z.number().int(),
  registerSerial: z.string(),
  beneficiaryName: z.string(),
  birthYear: z.number().int(),
  dose: z.number().int(),
  vaccinatedAt: ZDateTime,
  status: z.string(),
  mobileMasked: z.string(),
  idMasked: z.string(),
}).loose();

/** GET /api/v1/anomalies: one page of the reconciliation queue, newest first. */
export const ZAnomalyPage = z.object({
  rows: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(["DOSE_MISMATCH", "NO_REGISTER_ROW", "AMBIGUOUS_MATCH", "DATE_MISMATCH"]),
      status: z.enum(["OPEN", "RESOLVED"]),
      blockId: z.number().int().nullable(),
      block: z.string().nullable(),
      importId: z.number().int().nullable(),
      createdAt: ZDateTime,
      recordId: z.number().int().nullable(),
      candidateIds: z.array(z.number().int()),
      portal: ZPortalSide,
      records: z.array(ZRegisterSide),
      resolution: z.enum(["ACCEPT_PORTAL", "KEEP_REGISTER", "DUPLICATE"]).nullable(),
      resolutionNote: z.string().nullable(),
      resolvedBy: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
      resolvedAt: ZDateTime.nullable(),
    }).loose(),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
