/**
 * Helpdesk search: one beneficiary at a time. Every search is counted against a per-user rate limit read from
 * the access log itself (so it holds across instances), answers at most HELPDESK_MAX_PEOPLE people, and leaves
 * a SEARCH row with the query masked. The check, the search and the log row run in one transaction under a
 * per-user advisory lock, so parallel requests cannot slip past the limit.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { Prisma } from "@/server/generated/prisma/client";
import { blockWhere, factWhere, homeDistrictOf, type Scope } from "@/server/auth/scope";
import { nameKeys, nameMatchScore } from "@/core/domain/name-match";
import {
  maskedQueryText,
  MIN_NAME_LETTERS,
  MIN_SERIAL_CHARS,
  parseHelpdeskQuery,
  type HelpdeskQueryProblem,
  type HelpdeskQuery,
  type HelpdeskSearchInput,
} from "@/core/domain/helpdesk-query";
import { formatIst } from "@/core/time/ist";
import { loadPeople, type HelpdeskPerson } from "@/server/services/helpdesk/helpdesk-person";

export const HELPDESK_MAX_PEOPLE = 10;
export const HELPDESK_RATE_LIMIT = { searches: 20, windowMs: 5 * 60_000 } as const;
const LOCK_NAMESPACE = 0x6864; // advisory-lock class for per-user helpdesk searches

export type HelpdeskSearchResult = {
  people: HelpdeskPerson[];
  /** More people matched than are shown: the search should be narrowed. */
  more: boolean;
  searchesLeft: number;
};

type Tx = Prisma.TransactionClient;

/** The figures some problems name ("at least 3 letters"). */
function problemParams(problem: HelpdeskQueryProblem): Record<string, number> {
  if (problem === "nameTooShort") return { min: MIN_NAME_LETTERS };
  if (problem === "serialTooShort") return { min: MIN_SERIAL_CHARS };
  return {};
}

export async function searchPeople(db: Db, scope: Scope, userId: number, input: HelpdeskSearchInput, now: Date): Promise<HelpdeskSearchResult> {
  const parsed = parseHelpdeskQuery(input, Number(formatIst(now, "yyyy")));
  if (!parsed.ok) throw new AppError("BAD_REQUEST", `helpdesk.${parsed.problem}`, problemParams(parsed.problem));
  const query = parsed.query;
  const blockId = query.kind === "name" || query.kind === "serial" ? query.blockId : null;
  // A block of another district reads like one that does not exist.
  const block = blockId ? await db.block.findFirst({ where: { ...blockWhere(scope), id: blockId }, select: { id: true, name: true } }) : null;
  if (blockId && !block) throw new AppError("BAD_REQUEST", "helpdesk.blockUnknown");
  const districtId = homeDistrictOf(scope);
  if (districtId === null) throw new AppError("FORBIDDEN", "noScope");

  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, ${userId}::int)`;
    const used = await checkRateLimit(tx, userId, now);
    const hashes = await matchingPeople(tx, scope, query);
    const shown = hashes.slice(0, HELPDESK_MAX_PEOPLE);
    const people = await loadPeople(tx, scope, shown, userId, now);
    await tx.helpdeskLookup.create({
      data: { districtId, userId, action: "SEARCH", searchKind: query.kind, searchText: maskedQueryText(query, block?.name ?? null), resultCount: people.length, at: now },
    });
    return { people, more: hashes.length > HELPDESK_MAX_PEOPLE, searchesLeft: HELPDESK_RATE_LIMIT.searches - used - 1 };
  });
}

/** Searches made in the window so far; throws when the limit is reached. */
async function checkRateLimit(tx: Tx, userId: number, now: Date): Promise<number> {
  const since = new Date(now.getTime() - HELPDESK_RATE_LIMIT.windowMs);
  const recent = await tx.helpdeskLookup.findMany({
    where: { userId, action: "SEARCH", at: { gt: since, lte: now } },
    select: { at: true },
    orderBy: { at: "desc" },
    take: HELPDESK_RATE_LIMIT.searches,
  });
  if (recent.length < HELPDESK_RATE_LIMIT.searches) return recent.length;
  // The window frees a search when the oldest of the last N leaves it.
  const oldest = recent[recent.length - 1]!.at;
  const waitMs = oldest.getTime() + HELPDESK_RATE_LIMIT.windowMs - now.getTime();
  throw new AppError(
    "TOO_MANY_REQUESTS",
    "helpdeskRateLimit",
    { searches: HELPDESK_RATE_LIMIT.searches, window: HELPDESK_RATE_LIMIT.windowMs / 60_000, wait: Math.max(1, Math.ceil(waitMs / 60_000)) },
    { retryAfterSeconds: Math.ceil(waitMs / 1000) },
  );
}

/** ID hashes of the matching people, best first, one more than can be shown (to tell "more"). */
async function matchingPeople(tx: Tx, scope: Scope, query: HelpdeskQuery): Promise<string[]> {
  const take = HELPDESK_MAX_PEOPLE + 1;
  const scoped = (where: Prisma.VaccinationRecordWhereInput) => ({ AND: [factWhere(scope), where] });
  const distinctHashes = async (where: Prisma.VaccinationRecordWhereInput) => {
    const rows = await tx.vaccinationRecord.findMany({
      where: scoped(where),
      select: { idHash: true },
      distinct: ["idHash"],
      orderBy: { idHash: "asc" },
      take,
    });
    return rows.map((r) => r.idHash);
  };
  switch (query.kind) {
    case "mobile":
      return distinctHashes({ mobile: query.mobile });
    case "serial":
      return distinctHashes({ registerSerial: { equals: query.serial, mode: "insensitive" }, ...(query.blockId ? { blockId: query.blockId } : {}) });
    case "idLast4":
      return distinctHashes({ idLast4: query.idLast4, birthYear: query.birthYear });
    case "name": {
      return matchByName(tx, scope, query.blockId, query.name, take);
    }
  }
}

/** One block's names scored in memory (a few thousand rows); a person's best-scoring record counts. */
async function matchByName(tx: Tx, scope: Scope, blockId: number, name: string, take: number): Promise<string[]> {
  const queryKeys = nameKeys(name);
  if (queryKeys.length === 0) return [];
  const rows = await tx.vaccinationRecord.findMany({
    where: { AND: [factWhere(scope), { blockId }] },
    select: { idHash: true, beneficiaryName: true },
  });
  const best = new Map<string, { score: number; name: string }>();
  const keysByName = new Map<string, string[]>();
  for (const row of rows) {
    let keys = keysByName.get(row.beneficiaryName);
    if (!keys) {
      keys = nameKeys(row.beneficiaryName);
      keysByName.set(row.beneficiaryName, keys);
    }
    const score = nameMatchScore(queryKeys, keys);
    if (score <= 0) continue;
    const seen = best.get(row.idHash);
    if (!seen || score > seen.score) best.set(row.idHash, { score, name: row.beneficiaryName });
  }
  return [...best.entries()]
    .sort((a, b) => b[1].score - a[1].score || a[1].name.localeCompare(b[1].name) || a[0].localeCompare(b[0]))
    .slice(0, take)
    .map(([hash]) => hash);
}
