/**
 * The sites and camps (a site on an IST date) of one block that synced camp records name: found, or created the
 * way a register import creates them (a site first seen is unconfirmed until the district officer confirms it).
 */
import "server-only";
import type { Prisma } from "@/server/generated/prisma/client";
import { tidyText } from "@/core/domain/register-person";

type Tx = Prisma.TransactionClient;

const siteKey = (name: string) => tidyText(name).toLowerCase();

/** The camp id for each (site, date), in order; sites match whatever the case and spacing. */
export async function campIdsFor(tx: Tx, place: { districtId: number; blockId: number }, needs: readonly { site: string; campDate: string }[]): Promise<number[]> {
  if (needs.length === 0) return [];
  const sites = new Map<string, number>();
  const existing = await tx.$queryRawUnsafe<{ id: number; name: string }[]>(
    `SELECT id, name FROM sites WHERE district_id = $1 AND block_id = $2 ORDER BY id`,
    place.districtId,
    place.blockId,
  );
  for (const s of existing) if (!sites.has(siteKey(s.name))) sites.set(siteKey(s.name), s.id);
  const missing = [...new Set(needs.map((n) => tidyText(n.site)).filter((name) => !sites.has(siteKey(name))))];
  if (missing.length > 0) {
    // DO UPDATE (a no-op) rather than DO NOTHING so a site made meanwhile by someone else still returns its id.
    const made = await tx.$queryRawUnsafe<{ id: number; name: string }[]>(
      `INSERT INTO sites (district_id, block_id, name, confirmed) SELECT $1::int, $2::int, n, false FROM unnest($3::text[]) AS t(n)
       ON CONFLICT (district_id, block_id, name) DO UPDATE SET name = EXCLUDED.name RETURNING id, name`,
      place.districtId,
      place.blockId,
      missing,
    );
    for (const s of made) sites.set(siteKey(s.name), s.id);
  }
  const siteIds = needs.map((n) => sites.get(siteKey(n.site))!);
  // Make the camps that are missing (a camp on a mega-camp day belongs to it), then read all of them back.
  await tx.$executeRawUnsafe(
    `INSERT INTO camps (district_id, site_id, date, mega_camp_id)
     SELECT DISTINCT $1::int, t.site_id, t.date, m.id FROM unnest($2::int[], $3::date[]) AS t(site_id, date)
     LEFT JOIN mega_camps m ON m.district_id = $1::int AND m.date = t.date
     ON CONFLICT (district_id, site_id, date) DO NOTHING`,
    place.districtId,
    siteIds,
    needs.map((n) => n.campDate),
  );
  const camps = await tx.$queryRawUnsafe<{ id: number; site_id: number; date: string }[]>(
    `SELECT id, site_id, date::text AS date FROM camps WHERE district_id = $1 AND site_id = ANY($2::int[])`,
    place.districtId,
    [...new Set(siteIds)],
  );
  const byKey = new Map(camps.map((c) => [`${c.site_id}\u0000${c.date}`, c.id]));
  return needs.map((n, i) => byKey.get(`${siteIds[i]}\u0000${n.campDate}`)!);
}
