/**
 * What the "Set up a district" screen reads and writes, for the state officer: the state's districts with their
 * status, a block list's preview, setting a district up from it, and a set-up district's blocks and aliases. Every
 * district is looked up within the caller's state; another state's reads as unknown.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import { requireStateOf, type Scope } from "@/server/auth/scope";
import { AppError } from "@/server/errors/app-error";
import { slugOf } from "@/core/domain/block-directory";
import { addAliases, districtSetupProblems, setUpDistrict, type BlockSetup, type SetupProblem } from "@/server/services/setup/district-setup";
import { parseBlockListCsv } from "@/server/services/setup/block-list-csv";

export type StateDistrictStatus = { id: number; name: string; nameHi: string; slug: string; setUpAt: Date | null; blocks: number };

export async function listStateDistricts(db: Db, scope: Scope): Promise<StateDistrictStatus[]> {
  const stateId = requireStateOf(scope);
  const districts = await db.district.findMany({
    where: { stateId },
    select: { id: true, name: true, nameHi: true, setUpAt: true, _count: { select: { blocks: true } } },
    orderBy: { name: "asc" },
  });
  return districts.map((d) => ({ id: d.id, name: d.name, nameHi: d.nameHi, slug: slugOf(d.name), setUpAt: d.setUpAt, blocks: d._count.blocks }));
}

async function stateDistrict(db: Db, scope: Scope, districtId: number) {
  const district = await db.district.findFirst({ where: { id: districtId, stateId: requireStateOf(scope) } });
  if (!district) throw new AppError("NOT_FOUND", "setupDistrictUnknown", { id: districtId });
  return district;
}

export type SetupPreview = { district: { id: number; name: string; nameHi: string }; blocks: BlockSetup[]; problems: SetupProblem[] };

/** The list as it would be written, and every problem with it (of the file, then of the list as a whole). */
export async function previewDistrictSetup(db: Db, scope: Scope, districtId: number, csv: string): Promise<SetupPreview> {
  const district = await stateDistrict(db, scope, districtId);
  const parsed = parseBlockListCsv(csv);
  const problems = [...parsed.problems, ...(parsed.problems.length === 0 ? districtSetupProblems(parsed.blocks) : [])];
  return { district: { id: district.id, name: district.name, nameHi: district.nameHi }, blocks: parsed.blocks, problems };
}

/** Sets a not-set-up district up from its block list; a list with any problem writes nothing. */
export async function setUpDistrictFromCsv(db: Db, scope: Scope, districtId: number, csv: string, now: Date) {
  const preview = await previewDistrictSetup(db, scope, districtId, csv);
  const district = await stateDistrict(db, scope, districtId);
  if (district.setUpAt) throw new AppError("CONFLICT", "setupAlreadySetUp", { district: district.name });
  const first = preview.problems[0];
  if (first) throw new AppError("BAD_REQUEST", first.key, first.params);
  const result = await db.$transaction((tx) => setUpDistrict(tx, { stateId: district.stateId, district: district.name, blocks: preview.blocks }, now));
  return { districtId: result.districtId, slug: slugOf(district.name), blocksAdded: result.blocksAdded, aliasesAdded: result.aliasesAdded };
}

export type SetupBlock = { id: number; name: string; nameHi: string; lgdCode: string | null; aliases: { id: number; alias: string }[] };

export async function listDistrictBlocks(db: Db, scope: Scope, districtId: number): Promise<SetupBlock[]> {
  await stateDistrict(db, scope, districtId);
  const blocks = await db.block.findMany({
    where: { districtId },
    include: { aliases: { select: { id: true, alias: true }, orderBy: { alias: "asc" } } },
    orderBy: { name: "asc" },
  });
  return blocks.map((b) => ({ id: b.id, name: b.name, nameHi: b.nameHi, lgdCode: b.lgdCode, aliases: b.aliases }));
}

export async function addBlockAliases(db: Db, scope: Scope, blockId: number, aliases: readonly string[]): Promise<{ added: number }> {
  const block = await db.block.findFirst({ where: { id: blockId, district: { stateId: requireStateOf(scope) } } });
  if (!block) throw new AppError("NOT_FOUND", "blockIdNotFound", { id: blockId });
  const added = await db.$transaction((tx) => addAliases(tx, block.districtId, block.id, block.name, aliases));
  return { added };
}

/** Removing a spelling only stops it matching: rows already imported keep the block they were given. */
export async function removeBlockAlias(db: Db, scope: Scope, aliasId: number): Promise<{ removed: string }> {
  const alias = await db.blockAlias.findFirst({ where: { id: aliasId, district: { stateId: requireStateOf(scope) } } });
  if (!alias) throw new AppError("NOT_FOUND", "setupAliasUnknown", { id: aliasId });
  await db.blockAlias.delete({ where: { id: alias.id } });
  return { removed: alias.alias };
}
