/**
 * What an anomaly keeps of the portal row (anomalies.portal_row), and the side-by-side evidence a supervisor
 * sees: the portal's version next to the register record(s), personal numbers masked.
 */
import { z } from "zod";
import { maskIdNumber, maskMobile } from "@/core/domain/masking";
import type { PortalRow } from "@/core/domain/portal-row";

const ZStoredNormalised = z.object({
  portalRef: z.string(),
  beneficiaryName: z.string(),
  birthYear: z.number().int(),
  sex: z.enum(["MALE", "FEMALE", "OTHER"]),
  idLast4: z.string(),
  mobileLast4: z.string().nullable(),
  dose: z.number().int().min(1),
  vaccinatedAt: z.iso.datetime(),
  vaccinatedDateOnly: z.boolean(),
  site: z.string().nullable(),
  block: z.string(),
  enteredAt: z.iso.datetime(),
});

export const ZStoredPortalRow = z.object({
  /** The cells as read, so the row can be shown or re-exported exactly as the portal gave it. */
  cells: z.record(z.string(), z.string()),
  normalised: ZStoredNormalised,
  /** Why the row was not matched, in words. */
  explanation: z.string(),
});
export type StoredPortalRow = z.infer<typeof ZStoredPortalRow>;

export function storedPortalRow(cells: Record<string, string>, row: PortalRow, explanation: string): StoredPortalRow {
  return {
    cells,
    normalised: { ...row, vaccinatedAt: row.vaccinatedAt.toISOString(), enteredAt: row.enteredAt.toISOString() },
    explanation,
  };
}

/** The portal's side, as sent to the browser. Raw cells are not sent: an export may carry extra columns. */
export type PortalSide = {
  portalRef: string;
  beneficiaryName: string;
  birthYear: number;
  sex: string;
  idMasked: string;
  mobileMasked: string;
  dose: number;
  vaccinatedAt: Date;
  vaccinatedDateOnly: boolean;
  site: string | null;
  block: string;
  enteredAt: Date;
  explanation: string;
};

export function portalSide(stored: StoredPortalRow): PortalSide {
  const n = stored.normalised;
  return {
    portalRef: n.portalRef,
    beneficiaryName: n.beneficiaryName,
    birthYear: n.birthYear,
    sex: n.sex,
    // The export does not say which ID was shown; maskIdNumber labels an unknown type plainly "ID".
    idMasked: maskIdNumber("UNKNOWN", n.idLast4),
    mobileMasked: maskMobile(n.mobileLast4),
    dose: n.dose,
    vaccinatedAt: new Date(n.vaccinatedAt),
    vaccinatedDateOnly: n.vaccinatedDateOnly,
    site: n.site,
    block: n.block,
    enteredAt: new Date(n.enteredAt),
    explanation: stored.explanation,
  };
}

export type RegisterRecordForEvidence = {
  id: number;
  registerSerial: string;
  beneficiaryName: string;
  birthYear: number;
  sex: string;
  mobile: string | null;
  idType: string;
  idLast4: string;
  dose: number;
  vaccine: string;
  vaccinatedAt: Date;
  site: string;
  status: string;
  enteredAt: Date | null;
  portalRef: string | null;
};

export type RegisterSide = Omit<RegisterRecordForEvidence, "mobile" | "idType" | "idLast4"> & { mobileMasked: string; idMasked: string };

/** Field by field, so that a caller passing a whole database row cannot leak its other columns (e.g. the ID hash). */
export function registerSide(r: RegisterRecordForEvidence): RegisterSide {
  return {
    id: r.id,
    registerSerial: r.registerSerial,
    beneficiaryName: r.beneficiaryName,
    birthYear: r.birthYear,
    sex: r.sex,
    dose: r.dose,
    vaccine: r.vaccine,
    vaccinatedAt: r.vaccinatedAt,
    site: r.site,
    status: r.status,
    enteredAt: r.enteredAt,
    portalRef: r.portalRef,
    mobileMasked: maskMobile(r.mobile),
    idMasked: maskIdNumber(r.idType, r.idLast4),
  };
}
