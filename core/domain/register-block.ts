import { BLOCKS, URBAN_UNIT } from "@/core/domain/district";

/**
 * Block names as registers and the portal spell them. Registers were printed over decades, so old gazetteer
 * and railway spellings still turn up next to the current names; the portal's location master adds spellings
 * from older census lists, and operators type the rest by ear. Each maps to the one official name in district.ts.
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

const SPELLINGS_BY_NAME: Record<string, readonly string[]> = {
  Bihpur: ["Bihupur", "Bihapur"],
  Goradih: ["Goradeeh", "Gouradih", "Goradhi"],
  Ismailpur: ["Esmailpur", "Ismailpure", "Ismailpore"],
  Jagdishpur: ["Jagadishpur", "Jagdeeshpur", "Jagdispur"],
  Kahalgaon: ["Kahalgoan", "Kahalganw", "Kehalgaon"],
  Kharik: ["Kharick", "Khareek"],
  Narayanpur: ["Narainpur", "Narayanpure", "Naraynpur"],
  Nathnagar: ["Nathnager"],
  Naugachhia: ["Nowgachia"],
  Pirpainti: ["Peerpainti", "Peerpainty", "Pirpenti"],
  "Rangra Chowk": ["Rangra Chouk", "Rangra Chauk"],
  Sabour: ["Sabor", "Sabaur", "Sabore"],
  Sanhaula: ["Sanhoula", "Sanhola"],
  Shahkund: ["Shakund", "Sahkund"],
  Sultanganj: ["Sultangunj", "Sultanganja", "Sultangang"],
  [URBAN_UNIT.name]: ["Bhagalpur Municipal Corporation", "BMC Bhagalpur"],
};

/** Lower case, letters and digits only: "Rangra  Chowk", "rangra-chowk" and "RANGRA CHOWK" all meet. */
function blockKey(raw: string): string {
  return raw.normalize("NFC").toLowerCase().replace(/[\s\-_.]+/g, "");
}

/** A looser key for a second try: Latin diacritics and all punctuation dropped ("Pīrpainti", "Sabour.") */
function looseKey(raw: string): string {
  return raw
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

const BY_KEY: ReadonlyMap<string, string> = new Map([
  ...Object.entries(HISTORICAL_SPELLINGS),
  ...Object.entries(SPELLINGS_BY_NAME).flatMap(([name, spellings]) => spellings.map((s) => [blockKey(s), name] as const)),
  ...[...BLOCKS, URBAN_UNIT].map((b) => [blockKey(b.name), b.name] as const),
  // Hindi names as printed on the registers' covers.
  ...[...BLOCKS, URBAN_UNIT].map((b) => [blockKey(b.nameHi), b.name] as const),
]);

const BY_LOOSE_KEY: ReadonlyMap<string, string> = new Map(
  Object.entries(SPELLINGS_BY_NAME).flatMap(([name, spellings]) => [name, ...spellings].map((s) => [looseKey(s), name] as const)),
);

/** The official name of a block written any known way, or null when it is not a block of this district. */
export function canonicalBlockName(raw: string): string | null {
  const key = blockKey(raw.trim());
  if (!key) return null;
  return BY_KEY.get(key) ?? BY_LOOSE_KEY.get(looseKey(raw)) ?? null;
}

