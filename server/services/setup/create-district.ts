/**
 * Setting a district up from a CSV of its blocks, as `npm run create-district` does: the state comes from the
 * database or from its shipped reference list (created with all its districts "not set up", and its shipped
 * vaccine catalogue when it has none), then the district is set up with setUpDistrict in one transaction. Every
 * problem is a sentence saying what to fix; nothing is written unless everything is right.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { parseBlocksCsv } from "@/server/services/setup/district-csv";
import { districtSetupProblems, setUpDistrict, type DistrictSetupResult } from "@/server/services/setup/district-setup";
import { ensureStateFromReference, shippedStateReferences, stateReferenceNamed } from "@/server/services/setup/reference-lists";
import { ensureVaccineCatalogue, shippedVaccinesOf } from "@/server/services/setup/vaccine-catalogue";
import { englishText } from "@/core/errors/english";

export type CreateDistrictInput = { state: string; district: string; nameHi?: string; lgdCode?: string; csv: string };

export type CreateDistrictResult = DistrictSetupResult & { state: string; district: string; vaccinesAdded: number; newDistrict: boolean };

/** A set-up refused before anything was written: every problem, one sentence each. */
export class DistrictSetupRefused extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "DistrictSetupRefused";
  }
}

export async function createDistrictFromCsv(db: Db, input: CreateDistrictInput, now: Date = new Date()): Promise<CreateDistrictResult> {
  const problems: string[] = [];
  const stateName = input.state.trim();
  const districtName = input.district.trim().replace(/\s+/g, " ");
  if (!stateName) problems.push("Name the state with --state (e.g. --state Bihar).");
  if (!districtName) problems.push("Name the district with --district (its English name, as on the state's list).");
  if (input.lgdCode !== undefined && !/^\d{1,10}$/.test(input.lgdCode.trim())) problems.push(`--lgd-code "${input.lgdCode}" is not 1 to 10 digits.`);
  const csv = parseBlocksCsv(input.csv);
  problems.push(...csv.problems);
  if (csv.problems.length === 0) problems.push(...districtSetupProblems(csv.blocks).map((p) => englishText(p.key, p.params)));

  const stored = stateName ? await db.state.findFirst({ where: { name: { equals: stateName, mode: "insensitive" } } }) : null;
  const reference = stateName ? stateReferenceNamed(stateName) : null;
  if (stateName && !stored && !reference) {
    const shipped = shippedStateReferences().map((r) => r.state.name);
    problems.push(`There is no state "${stateName}" in this database and no shipped list for it; the shipped lists are: ${shipped.join(", ")}.`);
  }
  const canonicalState = stored?.name ?? reference?.state.name ?? stateName;
  const listed = reference?.districts.find((d) => d.name.toLowerCase() === districtName.toLowerCase());
  const existing = stored
    ? await db.district.findFirst({ where: { stateId: stored.id, name: { equals: districtName, mode: "insensitive" } } })
    : null;
  const district = existing?.name ?? listed?.name ?? districtName;
  if ((stored || reference) && districtName && !existing && !listed && !input.nameHi?.trim()) {
    problems.push(`${districtName} is not on ${canonicalState}'s list of districts: check the spelling, or add it by giving its Hindi name with --name-hi.`);
  }
  if (problems.length > 0) throw new DistrictSetupRefused(problems);

  try {
    return await db.$transaction(async (tx) => {
      const stateId = reference ? (await ensureStateFromReference(tx, reference)).stateId : stored!.id;
      const shippedVaccines = shippedVaccinesOf(canonicalState);
      const vaccinesAdded = shippedVaccines ? await ensureVaccineCatalogue(tx, stateId, shippedVaccines) : 0;
      const before = await tx.district.findUnique({ where: { stateId_name: { stateId, name: district } } });
      const result = await setUpDistrict(
        tx,
        { stateId, district, nameHi: input.nameHi?.trim() || undefined, lgdCode: input.lgdCode?.trim() || null, blocks: csv.blocks },
        now,
      );
      return { ...result, state: canonicalState, district, vaccinesAdded, newDistrict: !before };
    });
  } catch (error) {
    if (error instanceof AppError) throw new DistrictSetupRefused([error.message]);
    throw error;
  }
}
