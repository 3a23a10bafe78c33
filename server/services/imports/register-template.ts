import "server-only";
import { REGISTER_COLUMNS } from "@/core/domain/register-row";
import { verhoeffCheckDigit } from "@/core/domain/verhoeff";
import { UTF8_BOM, safeCsvLines } from "@/server/services/imports/csv-safe";

const COLUMNS = [...REGISTER_COLUMNS.required.slice(0, 7), "mobile", ...REGISTER_COLUMNS.required.slice(7)];

// Fictional people; the Aadhaar numbers are made up but well-formed (their check digit is computed), so the
// template shows the format a real number must have. The block is a placeholder: the public template knows no
// district (a row imports once its block is one of the importer's district).
const exampleAadhaar = (body: string) => body + verhoeffCheckDigit(body);

export type TemplateExample = { block: string };

const PLACEHOLDER: TemplateExample = { block: "Your block" };

const examples = ({ block }: TemplateExample): Record<string, string>[] => [
  {
    register_serial: "EX-0001",
    block,
    site: "Middle School Example",
    vaccinated_at: "2021-06-16 10:42",
    beneficiary_name: "Sita Devi (example)",
    birth_year: "1968",
    gender: "F",
    mobile: "98765 43210",
    id_type: "Aadhaar",
    id_number: exampleAadhaar("98765432101"),
    dose: "1",
    vaccine: "Covishield",
  },
  {
    register_serial: "EX-0002",
    block,
    site: "Middle School Example",
    vaccinated_at: "16/06/2021 10:55",
    beneficiary_name: "रामेश्वर यादव (उदाहरण)",
    birth_year: "1955",
    gender: "पुरुष",
    mobile: "",
    id_type: "Voter ID",
    id_number: "XYZ0000001",
    dose: "2",
    vaccine: "Covaxin",
  },
];

/**
 * The downloadable register template: header row and two example rows (dates as 2021-06-16 10:42 or
 * 16/06/2021 10:42 in IST; gender M/F/O or पुरुष/महिला/अन्य; mobile optional; id_last4 may replace
 * id_number). Starts with a BOM so Excel shows the Hindi example correctly.
 */
export const REGISTER_TEMPLATE_COLUMNS: readonly string[] = COLUMNS;
export function registerTemplateCsv(example: TemplateExample = PLACEHOLDER): string {
  return UTF8_BOM + safeCsvLines([COLUMNS, ...examples(example).map((row) => COLUMNS.map((c) => row[c] ?? ""))]);
}
export const REGISTER_TEMPLATE_CSV: string = registerTemplateCsv();
