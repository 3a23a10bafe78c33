/**
 * Where register lines were written: blocks, sites and camps (a site on an IST date) of the import's district,
 * found or created for an import. Everything small is loaded once; camps are looked up per batch, set-based.
 */
import "server-only";
import type { Prisma } from "@/server/generated/prisma/client";
import { tidyText } from "@/core/domain/register-person";

type Tx = Prisma.TransactionClient;

/** Sites match whatever the case and spacing, so "PHC Old Town" and "phc  old town" are one site. */
export const siteKey = (blockId: number, name: string) => `${blockId}\u0000${tidyText(name).toLowerCase()}`;
const campKey = (siteId: number, date: string) => `${siteId}\u0000${date}`;

export type PlaceNeed = { blockId: number; site: string; campDate: string };

export class RegisterPlaces {
  private readonly blockNames: Map<number, string>;
  private readonly sites: Map<string, number>;
  private readonly camps = new Map<string, number>();
  private readonly megaCampByDate: Map<string, number>;
  /** Camps this import created: removed again at the end if none of their rows went in (all duplicates). */
  readonly createdCampIds: number[] = [];

  private constructor(
    private readonly importId: number,
    private readonly districtId: number,
    blocks: { id: number; name: string }[],
    sites: { id: number; block_id: number; name: string }[],
    megaCamps: { id: number; date: string }[],
  ) {
    this.blockNames = new Map(blocks.map((b) => [b.id, b.name]));
    this.sites = new Map();
    // Oldest first: if two existing sites differ only in case, the first one keeps receiving rows.
    for (const s of sites) if (!this.sites.has(siteKey(s.block_id, s.name))) this.sites.set(siteKey(s.block_id, s.name), s.id);
    this.megaCampByDate = new Map(megaCamps.map((m) => [m.date, m.id]));
  }

  static async load(tx: Tx, importId: number, districtId: number): Promise<RegisterPlaces> {
    const blocks = await tx.$queryRawUnsafe<{ id: number; name: string }[]>(`SELECT id, name FROM blocks WHERE district_id = $1`, districtId);
    const sites = await tx.$queryRawUnsafe<{ id: number; block_id: number; name: string }[]>(
      `SELECT id, block_id, name FROM sites WHERE district_id = $1 ORDER BY id`,
      districtId,
    );
    const megaCamps = await tx.$queryRawUnsafe<{ id: number; date: string }[]>(`SELECT id, date::text AS date FROM mega_camps WHERE district_id = $1`, districtId);
    return new RegisterPlaces(importId, districtId, blocks, sites, megaCamps);
  }

  blockName(id: number): string {
    return this.blockNames.get(id) ?? String(id);
  }

  /** The camp id of each need, in order; creates missing sites (unconfirmed) and camps first. */
  async campIds(tx: Tx, needs: readonly PlaceNeed[]): Promise<number[]> {
    await this.ensureSites(tx, needs);
    const siteIds = needs.map((n) => this.sites.get(siteKey(n.blockId, n.site))!);
    await this.ensureCamps(tx, needs.map((n, i) => ({ siteId: siteIds[i]!, date: n.campDate })));
    return needs.map((n, i) => this.camps.get(campKey(siteIds[i]!, n.campDate))!);
  }

  private async ensureSites(tx: Tx, needs: readonly PlaceNeed[]): Promise<void> {
    const missing = new Map<string, { blockId: number; name: string }>();
    for (const n of needs) {
      const key = siteKey(n.blockId, n.site);
      if (!this.sites.has(key) && !missing.has(key)) missing.set(key, { blockId: n.blockId, name: tidyText(n.site) });
    }
    if (missing.size === 0) return;
    const wanted = [...missing.values()];
    // DO UPDATE (a no-op) rather than DO NOTHING so a site made meanwhile by someone else still returns its id.
    const rows = await tx.$queryRawUnsafe<{ id: number; block_id: number; name: string }[]>(
      `INSERT INTO sites (district_id, block_id, name, confirmed, created_by_import_id)
       SELECT $4::int, b, n, false, $3::int FROM unnest($1::int[], $2::text[]) AS t(b, n)
       ON CONFLICT (district_id, block_id, name) DO UPDATE SET name = EXCLUDED.name
       RETURNING id, block_id, name`,
      wanted.map((w) => w.blockId),
      wanted.map((w) => w.name),
      this.importId,
      this.districtId,
    );
    for (const r of rows) this.sites.set(siteKey(r.block_id, r.name), r.id);
  }

  private async ensureCamps(tx: Tx, keys: readonly { siteId: number; date: string }[]): Promise<void> {
    const missing = new Map<string, { siteId: number; date: string }>();
    for (const k of keys) {
      const key = campKey(k.siteId, k.date);
      if (!this.camps.has(key) && !missing.has(key)) missing.set(key, k);
    }
    if (missing.size === 0) return;
    const wanted = [...missing.values()];
    // One round trip: the INSERT returns the camps it made, the join finds those that were already there
    // (the statement's snapshot does not see its own inserts, so no camp is returned twice).
    const rows = await tx.$queryRawUnsafe<{ id: number; site_id: number; date: string; created: boolean }[]>(
      `WITH wanted AS (SELECT * FROM unnest($1::int[], $2::date[], $3::int[]) AS t(site_id, date, mega_camp_id)),
       made AS (
         INSERT INTO camps (district_id, site_id, date, mega_camp_id) SELECT $4::int, site_id, date, mega_camp_id FROM wanted
         ON CONFLICT (district_id, site_id, date) DO NOTHING RETURNING id, site_id, date
       )
       SELECT id, site_id, date::text AS date, true AS created FROM made
       UNION ALL
       SELECT c.id, c.site_id, c.date::text, false FROM camps c JOIN wanted w ON c.district_id = $4::int AND c.site_id = w.site_id AND c.date = w.date`,
      wanted.map((w) => w.siteId),
      wanted.map((w) => w.date),
      // A camp on a mega-camp day belongs to that mega camp; an existing camp keeps what it has.
      wanted.map((w) => this.megaCampByDate.get(w.date) ?? null),
      this.districtId,
    );
    for (const c of rows) {
      this.camps.set(campKey(c.site_id, c.date), c.id);
      if (c.created) this.createdCampIds.push(c.id);
    }
  }

  /** Drops the camps and sites this import created that ended up with no records (every row a duplicate). */
  async removeUnused(tx: Tx): Promise<void> {
    if (this.createdCampIds.length > 0) {
      await tx.$executeRawUnsafe(
        `DELETE FROM camps c WHERE c.id = ANY($1::int[]) AND NOT EXISTS (SELECT 1 FROM vaccination_records r WHERE r.camp_id = c.id)`,
        this.createdCampIds,
      );
    }
    await tx.$executeRawUnsafe(
      `DELETE FROM sites s WHERE s.created_by_import_id = $1 AND NOT EXISTS (SELECT 1 FROM camps c WHERE c.site_id = s.id)`,
      this.importId,
    );
  }

  async newSites(tx: Tx): Promise<{ id: number; block: string; name: string }[]> {
    const rows = await tx.$queryRawUnsafe<{ id: number; block_id: number; name: string }[]>(
      `SELECT id, block_id, name FROM sites WHERE created_by_import_id = $1 ORDER BY block_id, name`,
      this.importId,
    );
    return rows.map((r) => ({ id: r.id, block: this.blockName(r.block_id), name: r.name }));
  }
}
