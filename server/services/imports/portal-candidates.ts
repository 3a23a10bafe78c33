import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { AnomalyKind, RecordStatus, Sex } from "@/server/generated/prisma/enums";
import type { DbTx } from "@/server/services/records/record-status";
import type { RegisterCandidate } from "@/core/domain/portal-match";

export type CandidateKey = { blockId: number; idLast4: string; birthYear: number };

type CandidateRow = {
  id: number;
  block: string;
  dose: number;
  vaccinated_at: Date;
  beneficiary_name: string;
  birth_year: number;
  sex: Sex;
  mobile: string | null;
  id_last4: string;
  site: string;
  status: RecordStatus;
  portal_ref: string | null;
};

/**
 * Register records of the import's district that could be the entries of a batch of portal rows, in one query:
 * those sharing a row's (block, ID last 4, birth year), plus those already carrying one of the rows' portal refs
 * (re-imports). Never another district's: a portal ref or a person key is matched within the district only.
 */
export async function loadCandidates(tx: DbTx, districtId: number, keys: CandidateKey[], portalRefs: string[]): Promise<RegisterCandidate[]> {
  if (keys.length === 0 && portalRefs.length === 0) return [];
  const rows = await tx.$queryRaw<CandidateRow[]>(Prisma.sql`
    WITH keys AS (
      SELECT DISTINCT * FROM unnest(${keys.map((k) => k.blockId)}::int[], ${keys.map((k) => k.idLast4)}::text[], ${keys.map((k) => k.birthYear)}::int[])
        AS k(block_id, id_last4, birth_year)
    ),
    hits AS (
      SELECT r.id FROM vaccination_records r JOIN keys k
        ON r.district_id = ${districtId} AND r.block_id = k.block_id AND r.id_last4 = k.id_last4 AND r.birth_year = k.birth_year
      UNION
      SELECT r.id FROM vaccination_records r WHERE r.district_id = ${districtId} AND r.portal_ref = ANY(${portalRefs}::text[])
    )
    SELECT r.id, b.name AS block, r.dose, r.vaccinated_at, r.beneficiary_name, r.birth_year, r.sex::text AS sex, r.mobile,
           r.id_last4, s.name AS site, r.status::text AS status, r.portal_ref
      FROM hits h
      JOIN vaccination_records r ON r.id = h.id
      JOIN blocks b ON b.id = r.block_id
      JOIN camps c ON c.id = r.camp_id
      JOIN sites s ON s.id = c.site_id
     ORDER BY r.id`);
  return rows.map((r) => ({
    id: r.id,
    block: r.block,
    dose: Number(r.dose),
    vaccinatedAt: r.vaccinated_at,
    beneficiaryName: r.beneficiary_name,
    birthYear: Number(r.birth_year),
    sex: r.sex,
    mobile: r.mobile,
    idLast4: r.id_last4,
    site: r.site,
    status: r.status,
    portalRef: r.portal_ref,
  }));
}

/**
 * Portal refs that already have an anomaly this row would repeat: any open one, or a resolved one of the same
 * kind (the supervisor decided; the same export read again must not reopen it).
 */
export async function loadKnownAnomalies(tx: DbTx, districtId: number, portalRefs: string[]): Promise<KnownAnomalies> {
  const known = new KnownAnomalies();
  if (portalRefs.length === 0) return known;
  const existing = await tx.anomaly.findMany({
    where: { districtId, portalRef: { in: portalRefs } },
    select: { portalRef: true, kind: true, status: true },
  });
  for (const a of existing) if (a.portalRef) known.add(a.portalRef, a.kind, a.status === "OPEN");
  return known;
}

export class KnownAnomalies {
  private readonly open = new Set<string>();
  private readonly resolved = new Set<string>();

  add(portalRef: string, kind: AnomalyKind, isOpen: boolean): void {
    if (isOpen) this.open.add(portalRef);
    else this.resolved.add(`${portalRef}\u0000${kind}`);
  }

  has(portalRef: string, kind: AnomalyKind): boolean {
    return this.open.has(portalRef) || this.resolved.has(`${portalRef}\u0000${kind}`);
  }
}
