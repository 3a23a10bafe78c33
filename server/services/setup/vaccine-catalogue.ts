/**
 * A state's vaccine catalogue (table `vaccines`): the shipped starting catalogues (data/reference/*-vaccines.json),
 * loading one into a state that has none, and reading a state's catalogue for the screens and exports that list
 * vaccines. A state that already has a catalogue keeps it: what its officer changed is never overwritten.
 */
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/server/generated/prisma/client";
import type { CatalogueVaccine } from "@/core/domain/vaccine-catalogue";
import bihar from "@/data/reference/bihar-vaccines.json" with { type: "json" };

type DbLike = Pick<Prisma.TransactionClient, "vaccine">;

const ZVaccine = z.strictObject({
  code: z.string().regex(/^[A-Z0-9_]{1,40}$/, "A vaccine code is 1 to 40 capital letters, digits or _."),
  name: z.string().trim().min(1).max(80),
  nameHi: z.string().trim().min(1).max(80),
  doses: z.number().int().min(1).max(9),
  aliases: z.array(z.string().trim().min(1).max(80)),
});
const ZShippedCatalogue = z.strictObject({ $comment: z.string().optional(), state: z.string().min(1), vaccines: z.array(ZVaccine).min(1) });

const SHIPPED: readonly unknown[] = [bihar];

/** The shipped starting catalogue of a state (by its English name, any case), or null. */
export function shippedVaccinesOf(stateName: string): CatalogueVaccine[] | null {
  const wanted = stateName.trim().toLowerCase();
  const found = SHIPPED.map((c) => ZShippedCatalogue.parse(c)).find((c) => c.state.toLowerCase() === wanted);
  return found ? found.vaccines : null;
}

/** Loads `vaccines` into a state with no catalogue yet; returns how many were added (0 when it had one). */
export async function ensureVaccineCatalogue(db: DbLike, stateId: number, vaccines: readonly CatalogueVaccine[]): Promise<number> {
  if ((await db.vaccine.count({ where: { stateId } })) > 0) return 0;
  const { count } = await db.vaccine.createMany({
    data: vaccines.map((v) => ({ stateId, code: v.code, name: v.name, nameHi: v.nameHi, doses: v.doses, aliases: [...(v.aliases ?? [])] })),
  });
  return count;
}

/** A state's catalogue in a stable order (as it was set up). */
export async function vaccinesOfState(db: DbLike, stateId: number): Promise<CatalogueVaccine[]> {
  const rows = await db.vaccine.findMany({ where: { stateId }, orderBy: { id: "asc" } });
  return rows.map((v) => ({ code: v.code, name: v.name, nameHi: v.nameHi, doses: v.doses, aliases: v.aliases }));
}
