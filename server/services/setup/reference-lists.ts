/**
 * The reference lists that ship with the app (data/reference/*.json): a state and its districts, with English and
 * Hindi names and, where known, Local Government Directory codes. Loading one creates the state and lists every
 * district "not set up" (no blocks, no figures); nothing here sets a district up. Only a database that asked for
 * it gets a list (the demo seed, create-district): start-up never writes reference data on its own.
 */
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/server/generated/prisma/client";
import bihar from "@/data/reference/bihar.json" with { type: "json" };

const ZLgdCode = z.string().regex(/^\d{1,10}$/, "An LGD code is 1 to 10 digits.").nullable();
const ZPlace = z.strictObject({ name: z.string().trim().min(1).max(80), nameHi: z.string().trim().min(1).max(80), lgdCode: ZLgdCode });
export const ZStateReference = z.strictObject({ $comment: z.string().optional(), state: ZPlace, districts: z.array(ZPlace).min(1) });
export type StateReference = z.infer<typeof ZStateReference>;

/** Every shipped list, by the state's name. Validated when first read: a broken list is a build defect. */
const SHIPPED: readonly unknown[] = [bihar];

export function shippedStateReferences(): StateReference[] {
  return SHIPPED.map((list) => ZStateReference.parse(list));
}

/** The shipped list of a state, by its English name (any case), or null. */
export function stateReferenceNamed(name: string): StateReference | null {
  const wanted = name.trim().toLowerCase();
  return shippedStateReferences().find((r) => r.state.name.toLowerCase() === wanted) ?? null;
}

/**
 * Creates the state and its listed districts if missing; existing rows keep what they have (a district already set
 * up stays set up, a name fixed by hand stays fixed), except that empty Hindi names and codes are filled in.
 */
export async function ensureStateFromReference(db: Prisma.TransactionClient, reference: StateReference): Promise<{ stateId: number; addedDistricts: number }> {
  const { state: s, districts } = reference;
  const state = await db.state.upsert({ where: { name: s.name }, create: { name: s.name, nameHi: s.nameHi, lgdCode: s.lgdCode }, update: {} });
  const existing = await db.district.findMany({ where: { stateId: state.id }, select: { name: true } });
  const have = new Set(existing.map((d) => d.name));
  const missing = districts.filter((d) => !have.has(d.name));
  if (missing.length > 0) {
    await db.district.createMany({ data: missing.map((d) => ({ stateId: state.id, name: d.name, nameHi: d.nameHi, lgdCode: d.lgdCode })) });
  }
  return { stateId: state.id, addedDistricts: missing.length };
}
