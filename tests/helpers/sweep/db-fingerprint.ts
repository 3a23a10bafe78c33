import { testDb } from "@/tests/helpers/callers";

/**
 * One line per table of the public schema with its row count and a digest of every row, independent of row order:
 * two equal fingerprints mean the sweep changed nothing anywhere.
 */
export async function dbFingerprint(): Promise<Record<string, string>> {
  const db = testDb();
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await db.$queryRawUnsafe<{ n: bigint; digest: string | null }[]>(
      `SELECT count(*) AS n, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS digest FROM "${name}" t`,
    );
    out[name] = `${row!.n}:${row!.digest ?? "-"}`;
  }
  return out;
}
