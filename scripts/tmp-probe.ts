import { createDb } from "@/server/db/client";
import { hashIdNumber } from "@/server/domain/id-number";
import { buildDemoScenario } from "@/server/seed/demo-scenario";
import { ensureReferenceData } from "@/server/seed/reference-data";
import { insertScenario } from "@/server/seed/seed-bulk";
const db = createDb(process.env.DATABASE_URL!);
const s = buildDemoScenario(new Date(), (n) => hashIdNumber(n, "k"));
const orig = db.$executeRawUnsafe.bind(db);
const t0 = performance.now();
await db.$transaction(async (tx) => {
  const ex = tx.$queryRawUnsafe.bind(tx) as any;
  (tx as any).$queryRawUnsafe = async (sql: string, ...args: unknown[]) => { const t = performance.now(); const r = await ex(sql, ...args); console.log(sql.slice(0, 30).replace(/\s+/g, " "), Math.round(performance.now() - t)); return r; };
  const ref = await ensureReferenceData(tx);
  await tx.$executeRawUnsafe("DELETE FROM status_changes"); await tx.$executeRawUnsafe("DELETE FROM vaccination_records");
  await insertScenario(tx, s, ref, new Map(), (m) => console.log((performance.now() - t0).toFixed(0), m));
  throw new Error("rollback");
}, { timeout: 120000 }).catch((e) => console.log(e.message));
await db.$disconnect();
