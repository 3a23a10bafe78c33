/**
 * The ImportLookup of an import (core/domain/import-lookup.ts), read once per import: the blocks (names, Hindi
 * names, aliases) of every district of the importer's state, and the state's vaccine catalogue. A state has tens
 * of districts and a few hundred blocks, so this is a few small queries whatever the file's size.
 */
import "server-only";
import type { Prisma } from "@/server/generated/prisma/client";
import { importLookup, type ImportLookup } from "@/core/domain/import-lookup";

type Tx = Prisma.TransactionClient;

export async function loadImportLookup(tx: Tx, districtId: number): Promise<ImportLookup> {
  const district = await tx.district.findUniqueOrThrow({ where: { id: districtId }, select: { name: true, stateId: true } });
  const [blocks, vaccines] = await Promise.all([
    tx.block.findMany({
      where: { district: { stateId: district.stateId } },
      select: { id: true, districtId: true, name: true, nameHi: true, district: { select: { name: true } }, aliases: { select: { alias: true } } },
      orderBy: [{ districtId: "asc" }, { name: "asc" }],
    }),
    tx.vaccine.findMany({ where: { stateId: district.stateId }, orderBy: { id: "asc" } }),
  ]);
  return importLookup({
    districtId,
    districtName: district.name,
    blocks: blocks.map((b) => ({ id: b.id, districtId: b.districtId, name: b.name, nameHi: b.nameHi, districtName: b.district.name, aliases: b.aliases.map((a) => a.alias) })),
    vaccines: vaccines.map((v) => ({ code: v.code, name: v.name, nameHi: v.nameHi, doses: v.doses, aliases: v.aliases })),
  });
}
