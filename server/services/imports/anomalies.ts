/**
 * The anomaly queue: portal rows the reconciliation could not match with confidence, shown with the register's
 * evidence side by side, and resolved by a person. Every read and write is scoped; an anomaly outside the
 * caller's scope is indistinguishable from one that does not exist.
 */
import "server-only";
import { AppError } from "@/server/errors/app-error";
import { ZId } from "@/core/contracts/ids";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import type { Anomaly, Prisma } from "@/server/generated/prisma/client";
import type { AnomalyKind, AnomalyResolution, AnomalyStatus } from "@/server/generated/prisma/enums";
import { factWhere, type Scope } from "@/server/auth/scope";
import { formatIst } from "@/core/time/ist";
import {
  portalSide,
  registerSide,
  ZStoredPortalRow,
  type PortalSide,
  type RegisterSide,
  type StoredPortalRow,
} from "@/core/domain/portal-evidence";
import { applyStatusChanges } from "@/server/services/records/record-status";

export const ZListAnomaliesInput = z.object({
  status: z.enum(["OPEN", "RESOLVED"]).optional(),
  blockId: ZId.optional(),
  kind: z.enum(["DOSE_MISMATCH", "NO_REGISTER_ROW", "AMBIGUOUS_MATCH", "DATE_MISMATCH"]).optional(),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1).max(200),
});
export type ListAnomaliesInput = z.infer<typeof ZListAnomaliesInput>;

export const ZResolveAnomalyInput = z.object({
  resolution: z.enum(["ACCEPT_PORTAL", "KEEP_REGISTER", "DUPLICATE"]),
  note: z.string().trim().max(500).optional(),
  recordId: ZId.optional(),
});
export type ResolveAnomalyInput = z.infer<typeof ZResolveAnomalyInput>;

export type AnomalyView = {
  id: number;
  kind: AnomalyKind;
  status: AnomalyStatus;
  blockId: number | null;
  block: string | null;
  importId: number | null;
  createdAt: Date;
  /** The best candidate (null when none, or when several fit equally well). */
  recordId: number | null;
  candidateIds: number[];
  portal: PortalSide;
  /** The register side: every candidate record, the best one first. */
  records: RegisterSide[];
  resolution: AnomalyResolution | null;
  resolutionNote: string | null;
  resolvedBy: { id: number; displayName: string } | null;
  resolvedAt: Date | null;
};

export type AnomalyPage = { rows: AnomalyView[]; total: number; page: number; pageSize: number };

export async function listAnomalies(db: Db, scope: Scope, input: ListAnomaliesInput): Promise<AnomalyPage> {
  const query = ZListAnomaliesInput.parse(input);
  const where: Prisma.AnomalyWhereInput = {
    AND: [
      factWhere(scope),
      query.blockId ? { blockId: query.blockId } : {},
      query.status ? { status: query.status } : {},
      query.kind ? { kind: query.kind } : {},
    ],
  };
  const [total, anomalies] = await Promise.all([
    db.anomaly.count({ where }),
    db.anomaly.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  return { rows: await toViews(db, scope, anomalies), total, page: query.page, pageSize: query.pageSize };
}

export async function getAnomaly(db: Db, scope: Scope, id: number): Promise<AnomalyView> {
  const anomaly = await db.anomaly.findFirst({ where: { AND: [{ id }, factWhere(scope)] } });
  if (!anomaly) throw new AppError("NOT_FOUND", "anomalyNotFound", { id });
  const [view] = await toViews(db, scope, [anomaly]);
  return view!;
}

export async function resolveAnomaly(
  db: Db,
  scope: Scope,
  actorId: number,
  id: number,
  input: ResolveAnomalyInput,
  now: Date,
): Promise<AnomalyView> {
  const request = ZResolveAnomalyInput.parse(input);
  await db.$transaction(async (tx) => {
    const anomaly = await tx.anomaly.findFirst({ where: { AND: [{ id }, factWhere(scope)] } });
    if (!anomaly) throw new AppError("NOT_FOUND", "anomalyNotFound", { id });
    if (anomaly.status !== "OPEN") throw new AppError("CONFLICT", "anomalyResolved", { id, resolution: anomaly.resolution ?? "?" });
    const stored = ZStoredPortalRow.parse(anomaly.portalRow);
    let recordId = anomaly.recordId;
    let autoNote: string;
    if (request.resolution === "ACCEPT_PORTAL") {
      const accepted = await acceptPortal(tx, scope, actorId, anomaly, stored, request.recordId, now);
      recordId = accepted.recordId;
      autoNote = accepted.note;
    } else {
      if (request.recordId !== undefined) throw new AppError("BAD_REQUEST", "anomalyRecordOnlyWhenAccepting");
      autoNote = request.resolution === "KEEP_REGISTER" ? "register kept; the portal entry needs correcting" : "portal entry is a duplicate";
    }
    // Guarded on OPEN so that two people resolving at once cannot both succeed.
    const updated = await tx.anomaly.updateMany({
      where: { id, status: "OPEN" },
      data: {
        status: "RESOLVED",
        resolution: request.resolution,
        resolutionNote: request.note ? `${request.note} (${autoNote})` : autoNote,
        resolvedById: actorId,
        resolvedAt: now,
        recordId,
      },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", "anomalyResolvedMeanwhile", { id });
  });
  return getAnomaly(db, scope, id);
}

type OpenAnomaly = { id: number; kind: AnomalyKind; recordId: number | null; candidateIds: number[] };

/** The portal's version wins: the chosen register record becomes ENTERED under the portal's ref and time. */
async function acceptPortal(
  tx: Prisma.TransactionClient,
  scope: Scope,
  actorId: number,
  anomaly: OpenAnomaly,
  stored: StoredPortalRow,
  chosenId: number | undefined,
  now: Date,
): Promise<{ recordId: number | null; note: string }> {
  const portal = stored.normalised;
  if (anomaly.kind === "NO_REGISTER_ROW") {
    if (chosenId !== undefined) throw new AppError("BAD_REQUEST", "anomalyNoRecordToChoose");
    return { recordId: anomaly.recordId, note: "portal entry accepted; the register lacks this row" };
  }
  const allowed = new Set([...anomaly.candidateIds, ...(anomaly.recordId ? [anomaly.recordId] : [])]);
  const recordId = chosenId ?? anomaly.recordId;
  if (recordId === null) throw new AppError("BAD_REQUEST", "anomalyChooseRecord");
  if (!allowed.has(recordId)) throw new AppError("BAD_REQUEST", "anomalyNotCandidate", { id: recordId });
  const record = await tx.vaccinationRecord.findFirst({ where: { AND: [{ id: recordId }, factWhere(scope)] } });
  if (!record) throw new AppError("BAD_REQUEST", "anomalyNotCandidate", { id: recordId });
  if (record.status === "ENTERED" && record.portalRef !== portal.portalRef) {
    throw new AppError("CONFLICT", "anomalyRecordEntered", { id: recordId, portalRef: record.portalRef ?? "?" });
  }
  const differences = [
    record.dose !== portal.dose ? `dose: register ${record.dose}, portal ${portal.dose}` : null,
    `vaccinated: register ${formatIst(record.vaccinatedAt)}, portal ${formatIst(new Date(portal.vaccinatedAt))}`,
  ].filter((d): d is string => d !== null);
  const note = `anomaly #${anomaly.id} (${anomaly.kind}) resolved: portal version accepted; ${differences.join("; ")}`;
  await applyStatusChanges(
    tx,
    [{ recordId, to: "ENTERED", portalRef: portal.portalRef, enteredAt: new Date(portal.enteredAt), note }],
    actorId,
    "ANOMALY_RESOLUTION",
    now,
  );
  return { recordId, note: `portal version accepted for record ${recordId}` };
}

/** Fetches every candidate record of the page in one query; records outside the scope are never shown. */
async function toViews(db: Db, scope: Scope, anomalies: Anomaly[]): Promise<AnomalyView[]> {
  const recordIds = [...new Set(anomalies.flatMap((a) => [...a.candidateIds, ...(a.recordId ? [a.recordId] : [])]))];
  const blockIds = [...new Set(anomalies.map((a) => a.blockId).filter((b): b is number => b !== null))];
  const resolverIds = [...new Set(anomalies.map((a) => a.resolvedById).filter((u): u is number => u !== null))];
  const [records, blocks, resolvers] = await Promise.all([
    recordIds.length === 0
      ? []
      : db.vaccinationRecord.findMany({
          where: { AND: [{ id: { in: recordIds } }, factWhere(scope)] },
          include: { camp: { include: { site: { select: { name: true } } } } },
        }),
    db.block.findMany({ where: { id: { in: blockIds } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: resolverIds } }, select: { id: true, displayName: true } }),
  ]);
  const resolverById = new Map(resolvers.map((u) => [u.id, u]));
  const recordById = new Map(records.map((r) => [r.id, r]));
  const blockName = new Map(blocks.map((b) => [b.id, b.name]));
  return anomalies.map((a) => {
    const ordered = [...new Set([...(a.recordId ? [a.recordId] : []), ...a.candidateIds])];
    return {
      id: a.id,
      kind: a.kind,
      status: a.status,
      blockId: a.blockId,
      block: a.blockId === null ? null : (blockName.get(a.blockId) ?? null),
      importId: a.importId,
      createdAt: a.createdAt,
      recordId: a.recordId,
      candidateIds: a.candidateIds,
      portal: portalSide(ZStoredPortalRow.parse(a.portalRow)),
      records: ordered.flatMap((rid) => {
        const r = recordById.get(rid);
        return r ? [registerSide({ ...r, site: r.camp.site.name })] : [];
      }),
      resolution: a.resolution,
      resolutionNote: a.resolutionNote,
      resolvedBy: a.resolvedById === null ? null : (resolverById.get(a.resolvedById) ?? { id: a.resolvedById, displayName: "?" }),
      resolvedAt: a.resolvedAt,
    };
  });
}
