/**
 * The portal matching rule: which register record, if any, a row of the portal export is the entry of.
 *
 * 1. A row whose portal_ref already marks a record ENTERED is already applied (re-importing changes nothing).
 * 2. Candidates are register records of the same block with the same ID last 4 and the same birth year, whose
 *    name is alike: case, Latin diacritics, spaces and punctuation ignored, and either an edit distance of at
 *    most 25 % of the longer name or every word of the shorter name (two words or more) paired with a word of
 *    the longer, in any order, initials allowed. Devanagari and Latin spellings are not compared.
 * 3. "Same day" means at most 24 h apart (24 h + 1 ms is not); when the export gives only a date, the record's
 *    IST date must be that date or the day before or after.
 * 4. Each candidate scores: exact name 3 (alike 2), same sex 1, mobile last 4 equal 2 (different −2, when both
 *    are known), same site 1.
 * 5. Outcome: the same dose on the same day → MATCH with the best-scoring candidate still open (not entered under
 *    another portal_ref); a tie for best → AMBIGUOUS_MATCH; only entered ones → NO_REGISTER_ROW (the portal entry
 *    is a duplicate). Otherwise the other dose on the same day, or only the other dose at all → DOSE_MISMATCH;
 *    the same dose on another day → DATE_MISMATCH; no candidate → NO_REGISTER_ROW.
 */
import type { RecordStatus, Sex } from "@/server/generated/prisma/enums";
import { istDayDifference } from "@/core/domain/portal-dates";
import { nameSimilarity, nameTokens, NAME_MATCH_THRESHOLD } from "@/core/domain/portal-name";
import type { PortalRow } from "@/core/domain/portal-row";

const DAY_MS = 86_400_000;

export type RegisterCandidate = {
  id: number;
  block: string;
  dose: number;
  vaccinatedAt: Date;
  beneficiaryName: string;
  birthYear: number;
  sex: Sex;
  mobile: string | null;
  idLast4: string;
  site: string;
  status: RecordStatus;
  portalRef: string | null;
};

export type AnomalyOutcomeKind = "DOSE_MISMATCH" | "NO_REGISTER_ROW" | "AMBIGUOUS_MATCH" | "DATE_MISMATCH";

export type MatchOutcome =
  | { kind: "ALREADY_APPLIED"; recordId: number }
  | { kind: "MATCH"; recordId: number; explanation: string }
  | { kind: AnomalyOutcomeKind; recordId: number | null; candidateIds: number[]; explanation: string };

/** Same day for the 48-hour world: at most 24 h apart, or within a calendar day either side for a bare date. */
export function vaccinatedSameDay(row: Pick<PortalRow, "vaccinatedAt" | "vaccinatedDateOnly">, recordAt: Date): boolean {
  if (row.vaccinatedDateOnly) return Math.abs(istDayDifference(row.vaccinatedAt, recordAt)) <= 1;
  return Math.abs(row.vaccinatedAt.getTime() - recordAt.getTime()) <= DAY_MS;
}

/** The same person by the hard keys (block, ID last 4, birth year) and an alike name. */
export function isSamePerson(row: PortalRow, candidate: RegisterCandidate): boolean {
  return (
    candidate.block === row.block &&
    candidate.idLast4.trim().toUpperCase() === row.idLast4 &&
    candidate.birthYear === row.birthYear &&
    nameSimilarity(candidate.beneficiaryName, row.beneficiaryName) >= NAME_MATCH_THRESHOLD
  );
}

export function candidateScore(row: PortalRow, candidate: RegisterCandidate): number {
  let score = nameTokens(candidate.beneficiaryName).join("") === nameTokens(row.beneficiaryName).join("") ? 3 : 2;
  if (candidate.sex === row.sex) score += 1;
  const mobileLast4 = candidate.mobile?.replace(/\D/g, "").slice(-4) || null;
  if (mobileLast4 && row.mobileLast4) score += mobileLast4 === row.mobileLast4 ? 2 : -2;
  if (row.site && siteKey(row.site) === siteKey(candidate.site)) score += 1;
  return score;
}

function siteKey(site: string): string {
  return nameTokens(site).join("");
}

/** Entered under some other portal entry: it cannot also be this row's record. */
function isTaken(row: PortalRow, candidate: RegisterCandidate): boolean {
  return candidate.status === "ENTERED" && candidate.portalRef !== row.portalRef;
}

/** Best first; ties keep the lower id first so that results are stable. */
function ranked(row: PortalRow, candidates: RegisterCandidate[]): { candidate: RegisterCandidate; score: number }[] {
  return candidates
    .map((candidate) => ({ candidate, score: candidateScore(row, candidate) }))
    .sort((a, b) => b.score - a.score || a.candidate.id - b.candidate.id);
}

/** Prefers a record still open over one already entered, then the best score. */
function bestOf(row: PortalRow, candidates: RegisterCandidate[]): RegisterCandidate | null {
  const open = candidates.filter((c) => !isTaken(row, c));
  return ranked(row, open.length > 0 ? open : candidates)[0]?.candidate ?? null;
}

const ids = (candidates: RegisterCandidate[]) => candidates.map((c) => c.id).sort((a, b) => a - b);

/**
 * `records` may hold any register records (the caller's batch query); the rule itself picks the candidates.
 * Records carrying this row's portal_ref are passed in too, so that a re-import is recognised.
 */
export function matchPortalRow(row: PortalRow, records: RegisterCandidate[]): MatchOutcome {
  const applied = records.find((r) => r.status === "ENTERED" && r.portalRef === row.portalRef);
  if (applied) return { kind: "ALREADY_APPLIED", recordId: applied.id };

  const persons = records.filter((r) => isSamePerson(row, r));
  if (persons.length === 0) {
    return { kind: "NO_REGISTER_ROW", recordId: null, candidateIds: [], explanation: "no register record of this person in the block" };
  }
  const sameDose = persons.filter((r) => r.dose === row.dose);
  const otherDose = persons.filter((r) => r.dose !== row.dose);
  const exact = sameDose.filter((r) => vaccinatedSameDay(row, r.vaccinatedAt));

  if (exact.length > 0) {
    const open = ranked(row, exact.filter((r) => !isTaken(row, r)));
    const top = open[0];
    if (!top) {
      const entered = bestOf(row, exact)!;
      return {
        kind: "NO_REGISTER_ROW",
        recordId: entered.id,
        candidateIds: ids(exact),
        explanation: `the register's dose ${row.dose} of this day is already entered as ${entered.portalRef ?? "?"}: the portal entry looks like a duplicate`,
      };
    }
    const tied = open.filter((o) => o.score === top.score).map((o) => o.candidate);
    if (tied.length > 1) {
      return { kind: "AMBIGUOUS_MATCH", recordId: null, candidateIds: ids(tied), explanation: `${tied.length} register records fit equally well` };
    }
    return { kind: "MATCH", recordId: top.candidate.id, explanation: `dose ${row.dose} of the same day` };
  }

  const otherDoseSameDay = otherDose.filter((r) => vaccinatedSameDay(row, r.vaccinatedAt));
  const doseEvidence = otherDoseSameDay.length > 0 ? otherDoseSameDay : sameDose.length === 0 ? otherDose : [];
  if (doseEvidence.length > 0) {
    const best = bestOf(row, doseEvidence)!;
    return {
      kind: "DOSE_MISMATCH",
      recordId: best.id,
      candidateIds: ids(doseEvidence),
      explanation: `portal says dose ${row.dose}; the register has dose ${best.dose} for this person${otherDoseSameDay.length > 0 ? " on the same day" : ""}`,
    };
  }

  const best = bestOf(row, sameDose)!;
  const days = Math.round(Math.abs(best.vaccinatedAt.getTime() - row.vaccinatedAt.getTime()) / DAY_MS);
  return {
    kind: "DATE_MISMATCH",
    recordId: best.id,
    candidateIds: ids(sameDose),
    explanation: `dose ${row.dose} is in the register about ${days} day(s) apart from the portal's date`,
  };
}
