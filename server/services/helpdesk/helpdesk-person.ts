/**
 * A beneficiary as the helpdesk sees them: every dose record of one person (same keyed ID hash) within the
 * caller's scope, numbers masked, each dose explained in English and Hindi. Opening a person is logged.
 */
import "server-only";
import { AppError } from "@/server/errors/app-error";
import type { Db } from "@/server/db/client";
import type { Prisma } from "@/server/generated/prisma/client";
import { factWhere, type Scope } from "@/server/auth/scope";
import { maskIdNumber, maskMobile } from "@/core/domain/masking";
import { ZStoredPortalRow } from "@/core/domain/portal-evidence";
import { doseState, explainDoseBoth, type DoseFacts, type DoseState, type Explanation } from "@/core/domain/helpdesk-explain";
import { issuePersonToken, readPersonToken } from "@/server/services/helpdesk/helpdesk-token";

type DbLike = Db | Prisma.TransactionClient;

export type HelpdeskDose = {
  dose: number;
  vaccine: DoseFacts["vaccine"];
  vaccineName: string;
  vaccineNameHi: string;
  vaccinatedAt: Date;
  site: string;
  block: string;
  blockHi: string;
  registerSerial: string;
  status: DoseFacts["status"];
  enteredAt: Date | null;
  state: DoseState;
  explanation: Explanation;
};

export type HelpdeskPerson = {
  /** Opaque, short-lived handle for helpdesk.getPerson. */
  token: string;
  name: string;
  birthYear: number;
  sex: "MALE" | "FEMALE" | "OTHER";
  blocks: string[];
  mobileMasked: string;
  idMasked: string;
  doses: HelpdeskDose[];
};

const personInclude = {
  camp: { include: { site: { select: { name: true } } } },
  block: { select: { name: true, nameHi: true, district: { select: { stateId: true } } } },
  anomalies: { where: { status: "OPEN" }, select: { kind: true, portalRow: true }, orderBy: { id: "desc" } },
} satisfies Prisma.VaccinationRecordInclude;

type PersonRecord = Prisma.VaccinationRecordGetPayload<{ include: typeof personInclude }>;

function portalDoseOf(portalRow: unknown): number | null {
  const parsed = ZStoredPortalRow.safeParse(portalRow);
  return parsed.success ? parsed.data.normalised.dose : null;
}

/** Names of a record's vaccine, from its state's catalogue (state id + code). */
type VaccineNames = Map<string, { name: string; nameHi: string }>;
const vaccineKeyOf = (stateId: number, code: string) => `${stateId}\u0000${code}`;

async function vaccineNames(db: DbLike, records: readonly PersonRecord[]): Promise<VaccineNames> {
  const stateIds = [...new Set(records.map((r) => r.block.district.stateId))];
  const vaccines = await db.vaccine.findMany({ where: { stateId: { in: stateIds } }, select: { stateId: true, code: true, name: true, nameHi: true } });
  return new Map(vaccines.map((v) => [vaccineKeyOf(v.stateId, v.code), { name: v.name, nameHi: v.nameHi }]));
}

function toPerson(records: PersonRecord[], names: VaccineNames, userId: number, now: Date): HelpdeskPerson {
  const latest = records.reduce((a, b) => (b.vaccinatedAt > a.vaccinatedAt ? b : a));
  const withMobile = [...records].reverse().find((r) => r.mobile) ?? null;
  const mobileLast4 = withMobile?.mobile ? withMobile.mobile.replace(/\D/g, "").slice(-4) : null;
  const dosesOnPortal = records.filter((r) => r.status === "ENTERED").map((r) => r.dose);
  const doses = records.map((r): HelpdeskDose => {
    const anomaly = r.anomalies[0];
    // A code the catalogue no longer lists still reads as itself rather than failing the lookup.
    const vaccine = names.get(vaccineKeyOf(r.block.district.stateId, r.vaccine)) ?? { name: r.vaccine, nameHi: r.vaccine };
    const facts: DoseFacts = {
      dose: r.dose,
      vaccine: r.vaccine,
      vaccineName: vaccine.name,
      vaccineNameHi: vaccine.nameHi,
      vaccinatedAt: r.vaccinatedAt,
      site: r.camp.site.name,
      block: r.block.name,
      blockHi: r.block.nameHi,
      status: r.status,
      enteredAt: r.enteredAt,
      rejectionReason: r.rejectionReason,
      mobileLast4,
      openAnomaly: anomaly ? { kind: anomaly.kind, portalDose: portalDoseOf(anomaly.portalRow) } : null,
      dosesOnPortal,
    };
    return {
      dose: r.dose,
      vaccine: r.vaccine,
      vaccineName: vaccine.name,
      vaccineNameHi: vaccine.nameHi,
      vaccinatedAt: r.vaccinatedAt,
      site: facts.site,
      block: facts.block,
      blockHi: facts.blockHi,
      registerSerial: r.registerSerial,
      status: r.status,
      enteredAt: r.enteredAt,
      state: doseState(facts, now),
      explanation: explainDoseBoth(facts, now),
    };
  });
  return {
    token: issuePersonToken(latest.id, userId, now),
    name: latest.beneficiaryName,
    birthYear: latest.birthYear,
    sex: latest.sex,
    blocks: [...new Set(records.map((r) => r.block.name))],
    mobileMasked: maskMobile(withMobile?.mobile ?? null),
    idMasked: maskIdNumber(latest.idType, latest.idLast4),
    doses,
  };
}

/** The people with these ID hashes, in the given order; records outside the scope are simply not there. */
export async function loadPeople(db: DbLike, scope: Scope, idHashes: string[], userId: number, now: Date): Promise<HelpdeskPerson[]> {
  if (idHashes.length === 0) return [];
  const records = await db.vaccinationRecord.findMany({
    where: { AND: [factWhere(scope), { idHash: { in: idHashes } }] },
    include: personInclude,
    orderBy: [{ vaccinatedAt: "asc" }, { dose: "asc" }, { id: "asc" }],
  });
  const names = await vaccineNames(db, records);
  const byHash = new Map<string, PersonRecord[]>();
  for (const r of records) byHash.set(r.idHash, [...(byHash.get(r.idHash) ?? []), r]);
  return idHashes.flatMap((hash) => {
    const group = byHash.get(hash);
    return group ? [toPerson(group, names, userId, now)] : [];
  });
}

/**
 * Opens a person from a search result's token and writes the OPEN row of the access log. A token of another
 * user, a forged or expired one, and a record outside the caller's scope all read as "not found".
 */
export async function openPerson(db: Db, scope: Scope, userId: number, token: string, now: Date): Promise<HelpdeskPerson & { printedAt: Date }> {
  const check = readPersonToken(token, userId, now);
  if (!check.ok) {
    throw new AppError("NOT_FOUND", check.reason === "expired" ? "helpdeskResultExpired" : "helpdeskPersonNotFound");
  }
  const record = await db.vaccinationRecord.findFirst({ where: { AND: [factWhere(scope), { id: check.recordId }] }, select: { id: true, districtId: true, idHash: true } });
  if (!record) throw new AppError("NOT_FOUND", "helpdeskPersonNotFound");
  const [person] = await loadPeople(db, scope, [record.idHash], userId, now);
  if (!person) throw new AppError("NOT_FOUND", "helpdeskPersonNotFound");
  await db.helpdeskLookup.create({ data: { districtId: record.districtId, userId, action: "OPEN", recordId: record.id, at: now } });
  return { ...person, printedAt: now };
}
