/**
 * The district and its 17 units (16 rural blocks plus the city). Needed by every installation, demo or not,
 * so it runs on every start; upserts keep it idempotent and repair a renamed Hindi label.
 */
import "server-only";
import { BLOCKS, DISTRICT, URBAN_UNIT } from "@/core/domain/district";
import type { Prisma } from "@/server/generated/prisma/client";

/** A client or an interactive transaction: the seed runs this inside its own transaction. */
export type DbClient = Prisma.TransactionClient;

export type ReferenceData = { districtId: number; blockIds: Map<string, number> };

export const ALL_UNITS = [...BLOCKS.map((b) => ({ ...b, isUrban: false })), { ...URBAN_UNIT, isUrban: true }];

export async function ensureReferenceData(db: DbClient): Promise<ReferenceData> {
  const district = await db.district.upsert({
    where: { name: DISTRICT.name },
    create: { name: DISTRICT.name, nameHi: DISTRICT.nameHi },
    update: { nameHi: DISTRICT.nameHi },
  });
  const blockIds = new Map<string, number>();
  for (const unit of ALL_UNITS) {
    const block = await db.block.upsert({
      where: { name: unit.name },
      create: { districtId: district.id, name: unit.name, nameHi: unit.nameHi, isUrban: unit.isUrban },
      update: { districtId: district.id, nameHi: unit.nameHi, isUrban: unit.isUrban },
    });
    blockIds.set(unit.name, block.id);
  }
  return { districtId: district.id, blockIds };
}
