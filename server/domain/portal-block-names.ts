import { canonicalBlockName as registerBlockName } from "@/server/domain/register-block";

/**
 * Block names as the portal spells them, on top of the register spellings (register-block.ts). The portal's
 * location master carries spellings from older census lists that the registers do not use, and operators type
 * the rest by ear. Keys are compared after blockNameKey(), so case, spaces and punctuation never need listing.
 */
const PORTAL_SPELLINGS: Record<string, readonly string[]> = {
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
  "Bhagalpur Urban": ["Bhagalpur Municipal Corporation", "BMC Bhagalpur"],
};

/** Lower case, Latin diacritics and everything but letters and digits removed. */
export function blockNameKey(raw: string): string {
  return raw
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

const PORTAL_BY_KEY: ReadonlyMap<string, string> = new Map(
  Object.entries(PORTAL_SPELLINGS).flatMap(([name, spellings]) => spellings.map((s) => [blockNameKey(s), name] as const)),
);

/** The block's name as stored in the database, or null for a name we do not know. */
export function canonicalBlockName(raw: string): string | null {
  return registerBlockName(raw) ?? PORTAL_BY_KEY.get(blockNameKey(raw)) ?? null;
}
