/**
 * A state's vaccine catalogue (table `vaccines`): each vaccine's code (what records store), English and Hindi
 * names, other spellings registers use, and how many doses it has. Pure and browser-safe: the parsers find a
 * written vaccine here, and screens list the catalogue instead of a list compiled in.
 */
export type CatalogueVaccine = { code: string; name: string; nameHi: string; doses: number; aliases?: readonly string[] };

export type VaccineCatalogue = {
  vaccines: readonly CatalogueVaccine[];
  /** The vaccine a cell names (code, name, Hindi name or alias, whatever the case and spacing), or null. */
  find(raw: string): CatalogueVaccine | null;
  /** The most doses any vaccine of the catalogue has (0 for an empty catalogue). */
  maxDoses: number;
  /** "Covishield, Covaxin or Sputnik V": for a reason that lists what is accepted. */
  namesList: string;
};

/** Lower case, no spaces, hyphens, underscores or dots: "Covi Shield", "COVISHIELD" and "covishield" meet. */
export const vaccineKey = (raw: string) => raw.normalize("NFC").trim().toLowerCase().replace(/[\s\-_.]+/g, "");

export function vaccineCatalogue(vaccines: readonly CatalogueVaccine[]): VaccineCatalogue {
  const byKey = new Map<string, CatalogueVaccine>();
  for (const v of vaccines) {
    for (const spelling of [v.code, v.name, v.nameHi, ...(v.aliases ?? [])]) {
      const key = vaccineKey(spelling);
      if (key && !byKey.has(key)) byKey.set(key, v);
    }
  }
  const names = vaccines.map((v) => v.name);
  const namesList = names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
  return {
    vaccines,
    find: (raw) => byKey.get(vaccineKey(raw)) ?? null,
    maxDoses: Math.max(0, ...vaccines.map((v) => v.doses)),
    namesList,
  };
}
