/**
 * A realistic register file for the import benchmark: the two mega camps, every block, ~10 sites per block,
 * lines spread over 09:00–17:00 IST, about one in ten lines in an old spelling or another date form. Written
 * to disk as it is generated (never held whole), like a file an operator would upload.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { BHAGALPUR } from "@/server/seed/demo-places";
import { verhoeffCheckDigit } from "@/core/domain/verhoeff";
import { mulberry32, pick, randInt } from "@/server/seed/random";

export const REGISTER_HEADER = "register_serial,block,site,vaccinated_at,beneficiary_name,birth_year,gender,mobile,id_type,id_number,dose,vaccine";
export const SITES_PER_BLOCK = 10;

const UNITS = BHAGALPUR.blocks.map((b) => b.name);
const OLD_SPELLINGS: Record<string, string> = { Pirpainti: "Pirpainty", Kahalgaon: "Colgong", Naugachhia: "Naugachia", Sanhaula: "Sonhaula", "Bhagalpur Urban": "Bhagalpur City" };
const GIVEN = ["Sunita", "Ramesh", "Anita", "Suresh", "Rekha", "Manoj", "Pooja", "Rajesh", "Kavita", "Sanjay", "सुनीता", "रमेश", "अनीता", "मनोज"];
const FAMILY = ["Kumari", "Devi", "Yadav", "Mandal", "Paswan", "Singh", "Ansari", "Sah", "Mahto", "Jha", "देवी", "यादव", "मंडल"];
const VACCINES = ["Covishield", "COVISHIELD", "covishield", "Covi Shield", "Covaxin", "COVAXIN"];
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export type RegisterPlan = { rows: number; megaCampDates: readonly string[]; seed?: number };

/** The sites of a unit, as the benchmark pre-creates them (the import then finds them case-insensitively). */
export function benchSites(unit: string): string[] {
  return Array.from({ length: SITES_PER_BLOCK }, (_, i) => `${unit} Site ${i + 1}`);
}

function dateText(day: string, minutes: number, variant: number): string {
  const [y, m, d] = day.split("-");
  const time = `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  return variant === 0 ? `${d}/${m}/${y} ${time}` : `${day} ${time}`;
}

export async function writeRegisterCsv(path: string, plan: RegisterPlan): Promise<void> {
  const rng = mulberry32(plan.seed ?? 0x95_000);
  const out = createWriteStream(path, { encoding: "utf8" });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  await write(REGISTER_HEADER + "\n");
  const perCamp = Math.ceil(plan.rows / (plan.megaCampDates.length * UNITS.length));
  let written = 0;
  let lines: string[] = [];
  for (const [campIndex, day] of plan.megaCampDates.entries()) {
    for (const [unitIndex, unit] of UNITS.entries()) {
      const sites = benchSites(unit);
      for (let serial = 1; serial <= perCamp && written < plan.rows; serial++, written++) {
        const minutes = 9 * 60 + Math.floor(((serial - 1) * 8 * 60) / perCamp);
        const body = `${randInt(rng, 2, 9)}${pad(unitIndex, 2)}${pad(campIndex, 1)}${pad(serial, 6)}${randInt(rng, 0, 9)}${randInt(rng, 0, 9)}`.slice(0, 11);
        const block = rng() < 0.1 ? (OLD_SPELLINGS[unit] ?? unit.toUpperCase()) : unit;
        const name = `${pick(rng, GIVEN)} ${pick(rng, FAMILY)}`;
        lines.push(
          [
            `B${unitIndex}-MC${campIndex + 1}-${pad(serial, 6)}`,
            block,
            sites[Math.floor(rng() * rng() * sites.length)],
            dateText(day, minutes, serial % 10 === 0 ? 0 : 1),
            name,
            randInt(rng, 1940, 2003),
            rng() < 0.52 ? "F" : "M",
            rng() < 0.8 ? `9${randInt(rng, 100_000_000, 999_999_999)}` : "",
            "Aadhaar",
            body + verhoeffCheckDigit(body),
            campIndex + 1 === 2 && rng() < 0.3 ? 2 : 1,
            pick(rng, VACCINES),
          ].join(","),
        );
        if (lines.length === 2_000) {
          await write(lines.join("\n") + "\n");
          lines = [];
        }
      }
    }
  }
  await write(lines.length ? lines.join("\n") + "\n" : "");
  out.end();
  await once(out, "finish");
}
