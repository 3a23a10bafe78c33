/**
 * `npm run create-district -- --state <state> --district <district> --blocks blocks.csv`
 * Sets a district up in a real database from a CSV of its blocks: columns name, name_hi, and optionally lgd_code,
 * aliases (";"-separated other spellings) and is_urban (yes/no). A district that is not on the state's shipped
 * list needs `--name-hi` (its Hindi name); `--lgd-code` gives the district's LGD code when known. Running it again
 * with a longer list adds the new blocks and aliases; nothing is ever deleted. Then create its DIO with
 * `npm run create-user -- --role DISTRICT_OFFICER --district <district> …`.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { environment } from "@/server/config";
import { createDb } from "@/server/db/client";
import { createDistrictFromCsv, DistrictSetupRefused } from "@/server/services/setup/create-district";

const USAGE = "Usage: npm run create-district -- --state <state> --district <district> --blocks <blocks.csv> [--name-hi <Hindi name>] [--lgd-code <digits>]";

async function readBlocks(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === "ENOENT" ? `There is no file ${path}: give the path of the blocks CSV with --blocks.` : `Cannot read ${path}: ${code ?? String(error)}.`);
  }
}

async function main() {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      options: { state: { type: "string" }, district: { type: "string" }, blocks: { type: "string" }, "name-hi": { type: "string" }, "lgd-code": { type: "string" } },
    }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const missing = (["state", "district", "blocks"] as const).filter((k) => !values[k]?.trim()).map((k) => `--${k}`);
  if (missing.length > 0) throw new Error(`Missing ${missing.join(", ")}.\n${USAGE}`);
  const url = environment().DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to the database to set the district up in.");
  const csv = await readBlocks(values.blocks!);
  const db = createDb(url);
  try {
    const r = await createDistrictFromCsv(db, { state: values.state!, district: values.district!, nameHi: values["name-hi"], lgdCode: values["lgd-code"], csv });
    console.log(
      `${r.district} (${r.state}) is set up${r.newDistrict ? " as a new district" : ""}: ${r.blocksAdded} block(s) added, ${r.blocksUpdated} updated, ${r.aliasesAdded} alias(es) added` +
        (r.vaccinesAdded > 0 ? `; ${r.state}'s vaccine catalogue loaded (${r.vaccinesAdded} vaccines)` : "") +
        `.\nNext: npm run create-user -- --username <name> --role DISTRICT_OFFICER --state "${r.state}" --district "${r.district}"`,
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  if (error instanceof DistrictSetupRefused) console.error(`Nothing was written:\n${error.problems.map((p) => `- ${p}`).join("\n")}`);
  else console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
