import { BLOCKS, URBAN_UNIT } from "@/server/domain/district";

/**
 * Block names as registers spell them. Registers were printed over decades, so old gazetteer and railway
 * spellings still turn up next to the current names; each maps to the one official name in district.ts.
 */
const HISTORICAL_SPELLINGS: Record<string, string> = {
  pirpainty: "Pirpainti",
  pirpaiti: "Pirpainti",
  colgong: "Kahalgaon",
  kahalgaw: "Kahalgaon",
  naugachia: "Naugachhia",
  naugachiya: "Naugachhia",
  navgachhia: "Naugachhia",
  sonhaula: "Sanhaula",
  sonhoula: "Sanhaula",
  sultanganj: "Sultanganj",
  rangrachowk: "Rangra Chowk",
  rangra: "Rangra Chowk",
  bhagalpururban: URBAN_UNIT.name,
  bhagalpurcity: URBAN_UNIT.name,
  bhagalpurnagarnigam: URBAN_UNIT.name,
};

/** Lower case, letters and digits only: "Rangra  Chowk", "rangra-chowk" and "RANGRA CHOWK" all meet. */
function blockKey(raw: string): string {
  return raw.normalize("NFC").toLowerCase().replace(/[\s\-_.]+/g, "");
}

const BY_KEY: ReadonlyMap<string, string> = new Map([
  ...Object.entries(HISTORICAL_SPELLINGS),
  ...[...BLOCKS, URBAN_UNIT].map((b) => [blockKey(b.name), b.name] as const),
  // Hindi names as printed on the registers' covers.
  ...[...BLOCKS, URBAN_UNIT].map((b) => [blockKey(b.nameHi), b.name] as const),
]);

/** The official name of a block written any known way, or null when it is not a block of this district. */
export function canonicalBlockName(raw: string): string | null {
  const key = blockKey(raw.trim());
  if (!key) return null;
  return BY_KEY.get(key) ?? null;
}
