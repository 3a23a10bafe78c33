/**
 * What an import checks a row's places and vaccine against: the importer's district's block directory, the other
 * districts of its state (so that a row naming a neighbour's block says so, instead of "unknown"), and the state's
 * vaccine catalogue. Built from the database once per import; nothing here knows a place or a vaccine by name.
 * Pure and browser-safe.
 */
import { blockDirectory, type BlockDirectory, type DirectoryBlock } from "@/core/domain/block-directory";
import { vaccineCatalogue, type CatalogueVaccine, type VaccineCatalogue } from "@/core/domain/vaccine-catalogue";
import { englishText, type ErrorKey } from "@/core/errors/english";

export type LookupBlock = DirectoryBlock & { districtName: string };

export type ImportLookup = {
  /** The importer's district, as its rows' reasons name it. */
  districtName: string;
  home: BlockDirectory<LookupBlock>;
  /** Blocks of the state's other districts: only to say where a misplaced row belongs. */
  elsewhere: BlockDirectory<LookupBlock>;
  vaccines: VaccineCatalogue;
};

export function importLookup(input: {
  districtId: number;
  districtName: string;
  blocks: readonly LookupBlock[];
  vaccines: readonly CatalogueVaccine[];
}): ImportLookup {
  return {
    districtName: input.districtName,
    home: blockDirectory(input.blocks.filter((b) => b.districtId === input.districtId)),
    elsewhere: blockDirectory(input.blocks.filter((b) => b.districtId !== input.districtId)),
    vaccines: vaccineCatalogue(input.vaccines),
  };
}

/** A reason with its message key, so the English text is stored and each reader can be shown their language. */
export type KeyedReason = { key: ErrorKey; params: Record<string, string>; text: string };

const keyed = (key: ErrorKey, params: Record<string, string>): KeyedReason => ({ key, params, text: englishText(key, params) });

export type BlockVerdict = { ok: true; block: LookupBlock } | { ok: false; reason: KeyedReason };

/** The importer's block a cell names, or why not: empty, another district's block (named), or unknown. */
export function findImportBlock(lookup: ImportLookup, raw: string): BlockVerdict {
  const written = raw.normalize("NFC").trim().replace(/\s+/g, " ");
  if (!written) return { ok: false, reason: keyed("importRow.blockEmpty", {}) };
  const home = lookup.home.find(written);
  if (home.length === 1) return { ok: true, block: home[0]! };
  if (home.length > 1) return { ok: false, reason: keyed("importRow.blockAmbiguous", { block: written, home: lookup.districtName }) };
  const elsewhere = lookup.elsewhere.find(written);
  if (elsewhere.length > 0) {
    const districts = [...new Set(elsewhere.map((b) => b.districtName))].join(" / ");
    return { ok: false, reason: keyed("importRow.blockOfOtherDistrict", { block: elsewhere[0]!.name, district: districts, home: lookup.districtName }) };
  }
  return { ok: false, reason: keyed("importRow.blockUnknown", { block: written, home: lookup.districtName }) };
}
