import "server-only";
import type { Db } from "@/server/db/client";
import type { Prisma } from "@/server/generated/prisma/client";
import { factWhere, type Scope } from "@/server/auth/scope";
import { ageBucket, deadlineThresholds, entryDeadline, type AgeBucket } from "@/core/domain/aging";
import type { DeadlineRule } from "@/core/domain/deadline-rule";
import { rulesFor } from "@/server/services/rules/programme-rules";
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

/**
 * The vaccinated-at range of a bucket at `now` under the block's rule: `lt` the threshold of the bucket itself
 * (its deadline is that close), `gte` the threshold of the next one (not yet that close).
 */
function vaccinatedAtRange(bucket: PendingBucketFilter, rule: DeadlineRule, now: Date): Prisma.DateTimeFilter {
  const t = deadlineThresholds(rule, now);
  switch (bucket) {
    case "due6h":
      return { lt: t.dueSoon, gte: t.overdue };
    case "h0_12":
      return { gte: t.h12_24 };
    case "h12_24":
      return { lt: t.h12_24, gte: t.h24_36 };
    case "h24_36":
      return { lt: t.h24_36, gte: t.h36_48 };
    case "h36_48":
      return { lt: t.h36_48, gte: t.overdue };
    case "overdue":
      return { lt: t.overdue };
  }
}

function orderBy(sort: PendingSortField, direction: "asc" | "desc"): Prisma.VaccinationRecordOrderByWithRelationInput[] {
  const primary: Prisma.VaccinationRecordOrderByWithRelationInput =
    sort === "site" ? { camp: { site: { name: direction } } } : { [sort]: direction };
  return [primary, { id: "asc" }];
}

/** One page of a block's records (pending unless asked otherwise), with personal numbers masked before they leave the server. */
export async function findPendingRecords(db: Db, scope: Scope, now: Date, query: PendingQuery): Promise<PendingRecordPage> {
  const search = query.search?.trim();
  const block = await db.block.findUnique({ where: { id: query.blockId }, select: { districtId: true } });
  const rule = block ? (await rulesFor(db, block.districtId)).deadline : undefined;
  const where: Prisma.VaccinationRecordWhereInput = {
    AND: [
      factWhere(scope),
      { blockId: query.blockId, status: query.status ?? "PENDING" },
      query.bucket && rule ? { vaccinatedAt: vaccinatedAtRange(query.bucket, rule, now) } : query.bucket ? { id: -1 } : {},
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
      deadline: entryDeadline(r.vaccinatedAt, rule),
      bucket: ageBucket(r.vaccinatedAt, now, rule),
      status: r.status,
      portalRef: r.portalRef,
      mobileMasked: maskMobile(r.mobile),
      idMasked: maskIdNumber(r.idType, r.idLast4),
    })),
  };
}
