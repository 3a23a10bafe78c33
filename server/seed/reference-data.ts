/**
 * The demo's places: the state from its shipped reference list (all 38 districts, "not set up") with its shipped
 * vaccine catalogue, then the demo's districts set up with their blocks and aliases. Demo data only: it runs when the demo is loaded, never on an
 * ordinary start. Upserts keep it idempotent and repair a renamed Hindi label.
 */
import "server-only";
import type { Prisma } from "@/server/generated/prisma/client";
import { ensureStateFromReference, stateReferenceNamed } from "@/server/services/setup/reference-lists";
import { setUpDistrict } from "@/server/services/setup/district-setup";
import { ensureVaccineCatalogue, shippedVaccinesOf } from "@/server/services/setup/vaccine-catalogue";
import { DEMO_DISTRICTS, DEMO_STATE } from "@/server/seed/demo-places";

/** A client or an interactive transaction: the seed runs this inside its own transaction. */
export type DbClient = Prisma.TransactionClient;

export type ReferenceData = { stateId: number; districtId: number; blockIds: Map<string, number> };

export type DemoPlaces = { stateId: number; districts: Map<string, ReferenceData> };

export async function ensureDemoPlaces(db: DbClient, now: Date): Promise<DemoPlaces> {
  const reference = stateReferenceNamed(DEMO_STATE);
  if (!reference) throw new Error(`demo seed: no shipped reference list for ${DEMO_STATE}`);
  const { stateId } = await ensureStateFromReference(db, reference);
  const vaccines = shippedVaccinesOf(DEMO_STATE);
  if (!vaccines) throw new Error(`demo seed: no shipped vaccine catalogue for ${DEMO_STATE}`);
  await ensureVaccineCatalogue(db, stateId, vaccines);
  const districts = new Map<string, ReferenceData>();
  for (const d of DEMO_DISTRICTS) {
    const result = await setUpDistrict(db, { stateId, district: d.name, nameHi: d.nameHi, blocks: d.blocks }, now);
    districts.set(d.name, { stateId, districtId: result.districtId, blockIds: result.blockIds });
  }
  return { stateId, districts };
}
