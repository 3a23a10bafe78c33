import "server-only";
import type { Db } from "@/server/db/client";
import type { Prisma } from "@/server/generated/prisma/client";
import type { CatalogueVaccine } from "@/core/domain/vaccine-catalogue";

type Reader = Db | Prisma.TransactionClient;

/** The vaccine catalogue of a district's state: what the camp app offers and what its sync accepts. */
export async function campVaccinesOf(db: Reader, districtId: number): Promise<CatalogueVaccine[]> {
  const rows = await db.vaccine.findMany({ where: { state: { districts: { some: { id: districtId } } } }, orderBy: { id: "asc" } });
  return rows.map((v) => ({ code: v.code, name: v.name, nameHi: v.nameHi, doses: v.doses, aliases: v.aliases }));
}
