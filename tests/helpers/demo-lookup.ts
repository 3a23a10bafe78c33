/**
 * The ImportLookup the demo database gives an importer (blocks of Bihar's demo districts with their aliases, the
 * state's shipped vaccine catalogue), built without a database for the parsers' unit tests. Ids are made up.
 */
import { importLookup, type ImportLookup, type LookupBlock } from "@/core/domain/import-lookup";
import type { CatalogueVaccine } from "@/core/domain/vaccine-catalogue";
import { DEMO_DISTRICTS } from "@/server/seed/demo-places";
import catalogue from "@/data/reference/bihar-vaccines.json" with { type: "json" };

export const DEMO_VACCINES: readonly CatalogueVaccine[] = catalogue.vaccines;

const BLOCKS: LookupBlock[] = DEMO_DISTRICTS.flatMap((d, di) =>
  d.blocks.map((b, bi) => ({ id: (di + 1) * 100 + bi, districtId: di + 1, districtName: d.name, name: b.name, nameHi: b.nameHi, aliases: b.aliases ?? [] })),
);

/** The lookup of an importer in the demo district `name` (default: the first, Bhagalpur). */
export function demoLookup(name: string = DEMO_DISTRICTS[0]!.name, vaccines: readonly CatalogueVaccine[] = DEMO_VACCINES): ImportLookup {
  const index = DEMO_DISTRICTS.findIndex((d) => d.name === name);
  if (index < 0) throw new Error(`no demo district ${name}`);
  return importLookup({ districtId: index + 1, districtName: name, blocks: BLOCKS, vaccines });
}

export const DEMO_LOOKUP: ImportLookup = demoLookup();
