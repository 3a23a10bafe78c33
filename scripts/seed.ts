/**
 * Loads the demo story into an existing, migrated database (or moves it forward to today), then prints the
 * backlog per block. Usage: DATABASE_URL=postgresql://... TEEKA_ID_HASH_KEY=... tsx scripts/seed.ts
 */
import { environment } from "@/server/config";
import { createDb, type Db } from "@/server/db/client";
import { dueSoonCutoff, overdueCutoff } from "@/core/domain/aging";
import { seedDemoData } from "@/server/seed/seed-demo";

type BlockBacklog = { block: string; total: number; pending: number; overdue: number; due_within_6h: number };

function requireEnv(name: "DATABASE_URL" | "TEEKA_ID_HASH_KEY", hint: string): string {
  const value = environment()[name];
  if (!value) {
    console.error(`${name} is not set: ${hint}`);
    process.exit(2);
  }
  return value;
}

async function backlogByBlock(db: Db, now: Date): Promise<BlockBacklog[]> {
  return db.$queryRawUnsafe<BlockBacklog[]>(
    `SELECT b.name AS block, count(r.id)::int AS total,
       count(*) FILTER (WHERE r.status = 'PENDING')::int AS pending,
       count(*) FILTER (WHERE r.status = 'PENDING' AND r.vaccinated_at <= $1::timestamp(3))::int AS overdue,
       count(*) FILTER (WHERE r.status = 'PENDING' AND r.vaccinated_at > $1::timestamp(3)
                          AND r.vaccinated_at <= $2::timestamp(3))::int AS due_within_6h
     FROM blocks b LEFT JOIN vaccination_records r ON r.block_id = b.id
     GROUP BY b.name ORDER BY b.name`,
    overdueCutoff(now).toISOString(),
    dueSoonCutoff(now).toISOString(),
  );
}

function printBacklog(rows: BlockBacklog[]): void {
  const sum = (key: keyof Omit<BlockBacklog, "block">) => rows.reduce((total, row) => total + row[key], 0);
  console.table([...rows, { block: "District", total: sum("total"), pending: sum("pending"), overdue: sum("overdue"), due_within_6h: sum("due_within_6h") }]);
}

async function main(): Promise<void> {
  const databaseUrl = requireEnv("DATABASE_URL", "point it at a migrated database, e.g. postgresql://user:pass@host:5432/teeka");
  const idHashKey = requireEnv("TEEKA_ID_HASH_KEY", "set the same secret key the app uses to hash ID numbers (at least 16 characters)");
  const db = createDb(databaseUrl);
  try {
    const now = new Date();
    const started = performance.now();
    const result = await seedDemoData(db, { now, idHashKey, log: (message) => console.log(message) });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result.created) console.log(`Demo data created in ${seconds} s`);
    else if (result.shiftedDays > 0) console.log(`Demo data already present; moved ${result.shiftedDays} day(s) forward in ${seconds} s`);
    else console.log(`Demo data already present and current; nothing to do (${seconds} s)`);
    printBacklog(await backlogByBlock(db, now));
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
