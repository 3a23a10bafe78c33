/**
 * Run by import-heartbeat.test.ts as a separate process (tsx), then killed with SIGKILL: starts a register
 * import as the given user whose upload sends 6,000 rows and then stalls for ever, as a server would be
 * mid-import when it dies. Prints "IMPORT <id>" once the batch exists.
 */
import { createDb } from "@/server/db/client";
import { importRegister } from "@/server/services/imports/register-import";
import { beginImport, claimImport } from "@/server/services/imports/import-batches";

const [userId, hashKey] = [Number(process.argv[2]), process.argv[3] ?? ""];
const db = createDb(process.env.DATABASE_URL!);
const user = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { district: true } });
const districtId = user.districtId!;

async function* stallingUpload(): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let text = "register_serial,block,site,vaccinated_at,beneficiary_name,birth_year,gender,id_type,id_number,dose,vaccine\n";
  for (let i = 1; i <= 6_000; i++) text += `CRASH-${i},Kahalgaon,FX Crash Site,2021-06-16 10:42,Crash Person ${i},1980,M,Voter ID,CRS${String(i).padStart(7, "0")},1,Covaxin\n`;
  // Half of the next line, so the parser has certainly handed over row 6,000; the rest never comes.
  yield encoder.encode(`${text}CRASH-6001,Kahal`);
  await new Promise(() => undefined);
}

const batch = await beginImport(db, userId, { districtId, blockId: null }, "REGISTER", "crash.csv");
await claimImport(db, userId, batch.id, "REGISTER");
console.log(`IMPORT ${batch.id}`);
await importRegister(db, { userId, role: "DISTRICT_OFFICER", stateId: user.district!.stateId, districtId, blockId: null }, { bytes: stallingUpload(), fileName: "crash.csv" }, {
  importId: batch.id,
  idHashKey: hashKey,
  heartbeatEveryMs: 500,
});
