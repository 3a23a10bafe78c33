/**
 * Setting a district up: its blocks (English and Hindi names, optional LGD codes, whether it is the urban unit)
 * and their aliases, written in one transaction, then the district marked set up. Run again with the same list it
 * changes nothing; with a longer one it adds the new blocks and aliases; it never deletes a block (records point
 * at blocks) and never moves an alias silently from one block to another.
 */
import "server-only";
import type { Prisma } from "@/server/generated/prisma/client";
import { AppError } from "@/server/errors/app-error";
import { blockKey } from "@/core/domain/block-directory";
import type { ErrorKey } from "@/core/errors/english";

export type BlockSetup = { name: string; nameHi: string; lgdCode?: string | null; isUrban?: boolean; aliases?: readonly string[] };

export type DistrictSetup = {
  stateId: number;
  /** The district's English name; a district the state's list does not have yet is added (with nameHi). */
  district: string;
  nameHi?: string;
  lgdCode?: string | null;
  blocks: readonly BlockSetup[];
};

export type DistrictSetupResult = {
  districtId: number;
  blocksAdded: number;
  blocksUpdated: number;
  aliasesAdded: number;
  /** Block name → id, for the caller (the demo seed) to place its data. */
  blockIds: Map<string, number>;
};

type Tx = Prisma.TransactionClient;

/** Problems of the list as a whole, before anything is written (duplicate names, an alias naming two blocks). */
export type SetupProblem = { key: ErrorKey; params: Record<string, string> };

export function districtSetupProblems(blocks: readonly BlockSetup[]): SetupProblem[] {
  const problems: SetupProblem[] = [];
  const owner = new Map<string, string>();
  if (blocks.length === 0) problems.push({ key: "setupNoBlocks", params: {} });
  for (const b of blocks) {
    for (const spelling of [b.name, b.nameHi, ...(b.aliases ?? [])]) {
      const key = blockKey(spelling);
      if (!key) continue;
      const other = owner.get(key);
      if (other !== undefined && other !== b.name) problems.push({ key: "setupSpellingTwice", params: { spelling, block: b.name, other } });
      else owner.set(key, b.name);
    }
  }
  return problems;
}

export async function setUpDistrict(tx: Tx, setup: DistrictSetup, now: Date): Promise<DistrictSetupResult> {
  const problems = districtSetupProblems(setup.blocks);
  if (problems.length > 0) throw new AppError("BAD_REQUEST", problems[0]!.key, problems[0]!.params);
  let district = await tx.district.findUnique({ where: { stateId_name: { stateId: setup.stateId, name: setup.district } } });
  if (!district) {
    if (!setup.nameHi) throw new AppError("BAD_REQUEST", "setupNewDistrictNeedsHindi", { district: setup.district });
    district = await tx.district.create({ data: { stateId: setup.stateId, name: setup.district, nameHi: setup.nameHi, lgdCode: setup.lgdCode ?? null } });
  }
  const districtId = district.id;
  const existing = new Map((await tx.block.findMany({ where: { districtId } })).map((b) => [b.name, b]));
  let blocksAdded = 0;
  let blocksUpdated = 0;
  const blockIds = new Map<string, number>();
  for (const b of setup.blocks) {
    const current = existing.get(b.name);
    const data = { nameHi: b.nameHi, lgdCode: b.lgdCode ?? current?.lgdCode ?? null, isUrban: b.isUrban ?? false };
    if (!current) {
      const created = await tx.block.create({ data: { districtId, name: b.name, ...data } });
      blockIds.set(b.name, created.id);
      blocksAdded += 1;
    } else {
      if (current.nameHi !== data.nameHi || current.lgdCode !== data.lgdCode || current.isUrban !== data.isUrban) {
        await tx.block.update({ where: { id: current.id }, data });
        blocksUpdated += 1;
      }
      blockIds.set(b.name, current.id);
    }
  }
  let aliasesAdded = 0;
  for (const b of setup.blocks) aliasesAdded += await addAliases(tx, districtId, blockIds.get(b.name)!, b.name, b.aliases ?? []);
  if (!district.setUpAt) await tx.district.update({ where: { id: districtId }, data: { setUpAt: now } });
  return { districtId, blocksAdded, blocksUpdated, aliasesAdded, blockIds };
}

/**
 * Adds spellings of one block; one that is already this block's is skipped, one that names another block of the
 * district (as an alias, or as its name) is refused with both names, so a register row can never name two blocks.
 */
export async function addAliases(tx: Tx, districtId: number, blockId: number, blockName: string, aliases: readonly string[]): Promise<number> {
  const blocks = await tx.block.findMany({ where: { districtId }, select: { id: true, name: true, nameHi: true } });
  const taken = new Map<string, { blockId: number; name: string }>();
  for (const b of blocks) for (const s of [b.name, b.nameHi]) taken.set(blockKey(s), { blockId: b.id, name: b.name });
  for (const a of await tx.blockAlias.findMany({ where: { districtId }, include: { block: { select: { name: true } } } })) {
    taken.set(a.key, { blockId: a.blockId, name: a.block.name });
  }
  let added = 0;
  for (const alias of aliases) {
    const key = blockKey(alias);
    if (!key) continue;
    const owner = taken.get(key);
    if (owner && owner.blockId !== blockId) throw new AppError("CONFLICT", "setupAliasTaken", { alias, block: blockName, other: owner.name });
    if (owner) continue;
    await tx.blockAlias.create({ data: { districtId, blockId, alias: alias.trim(), key } });
    taken.set(key, { blockId, name: blockName });
    added += 1;
  }
  return added;
}
