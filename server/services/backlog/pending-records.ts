import "server-only";
import type { Db } from "@/server/db/client";
import type { Prisma } from "@/server/generated/prisma/client";
import { factWhere, type Scope } from "@/server/auth/scope";
import { ageBucket, bucketStart, dueSoonCutoff, entryDeadline, type AgeBucket } from "@/core/domain/aging";
import { maskIdNumber, maskMobile } from "@/core/domain/masking";

export const PENDING_SORT_FIELDS = ["vaccinatedAt", "registerSerial", "beneficiaryName", "dose", "site"] as const;
export type PendingSortField = (typeof PENDING_SORT_FIELDS)[number];
export const PENDING_FILTER_BUCKETS = ["h0_12", "h12_24", "h24_36", "h36_48", "overdue", "due6h"] as const;
export type PendingBucketFilter = (typeof PENDING_FILTER_BUCKETS)[number];

export type PendingQuery = {
  blockId: number;
  /** PENDING by default: the backlog. ENTERED / REJECTED let a record be found again (e.g. to undo a mark). */
  status?: "PENDING" | "ENTERED" | "REJECTED";
  page: number;
  pageSize: number;
  sort: PendingSortField;
  direction: "asc" | "desc";
  bucket?: PendingBucketFilter;
  dose?: 1 | 2;
  siteId?: number;
  search?: string;
};

export type PendingRecordRow = {
  id: number;
  registerSerial: string;
  beneficiaryName: string;
  dose: number;
  vaccine: string;
  site: string;
  siteId: number;
  vaccinatedAt: Date;
  deadline: Date;
  bucket: AgeBucket;
  status: "PENDING" | "ENTERED" | "REJECTED";
  portalRef: string | null;
  mobileMasked: string;
  idMasked: string;
};

export type PendingRecordPage = { rows: PendingRecordRow[]; total: number; page: number; pageSize: number };

const NEXT_BUCKET: Record<Exclude<PendingBucketFilter, "due6h" | "h0_12">, AgeBucket | null> = {
  h12_24: "h24_36",
  h24_36: "h36_48",
  h36_48: "overdue",
  overdue: null,
};

function vaccinatedAtRange(bucket: PendingBucketFilter, now: Date): Prisma.DateTimeFilter {
  if (bucket === "due6h") return { lte: dueSoonCutoff(now), gt: bucketStart("overdue", now) };
  if (bucket === "h0_12") return { gt: bucketStart("h12_24", now) };
  const next = NEXT_BUCKET[bucket];
  return next ? { lte: bucketStart(bucket, now), gt: bucketStart(next, now) } : { lte: bucketStart(bucket, now) };
}

function orderBy(sort: PendingSortField, direction: "asc" | "desc"): Prisma.VaccinationRecordOrderByWithRelationInput[] {
  const primary: Prisma.VaccinationRecordOrderByWithRelationInput =
    sort === "site" ? { camp: { site: { name: direction } } } : { [sort]: direction };
  return [primary, { id: "asc" }];
}

/** One page of a block's records (pending unless asked otherwise), with personal numbers masked before they leave the server. */
export async function findPendingRecords(db: Db, scope: Scope, now: Date, query: PendingQuery): Promise<PendingRecordPage> {
  const search = query.search?.trim();
  const where: Prisma.VaccinationRecordWhereInput = {
    AND: [
      factWhere(scope),
      { blockId: query.blockId, status: query.status ?? "PENDING" },
      query.bucket ? { vaccinatedAt: vaccinatedAtRange(query.bucket, now) } : {},
      query.dose ? { dose: query.dose } : {},
      query.siteId ? { camp: { siteId: query.siteId } } : {},
      search
        ? {
            OR: [
              { registerSerial: { contains: search, mode: "insensitive" } },
              { beneficiaryName: { contains: search, mode: "insensitive" } },
            ],
          }
        : {},
    ],
  };
  const [total, records] = await Promise.all([
    db.vaccinationRecord.count({ where }),
    db.vaccinationRecord.findMany({
      where,
      orderBy: orderBy(query.sort, query.direction),
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: { camp: { include: { site: true } } },
    }),
  ]);
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    rows: records.map((r) => ({
      id: r.id,
      registerSerial: r.registerSerial,
      beneficiaryName: r.beneficiaryName,
      dose: r.dose,
      vaccine: r.vaccine,
      site: r.camp.site.name,
      siteId: r.camp.siteId,
      vaccinatedAt: r.vaccinatedAt,
      deadline: entryDeadline(r.vaccinatedAt),
      bucket: ageBucket(r.vaccinatedAt, now),
      status: r.status,
      portalRef: r.portalRef,
      mobileMasked: maskMobile(r.mobile),
      idMasked: maskIdNumber(r.idType, r.idLast4),
    })),
  };
}
