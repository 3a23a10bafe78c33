import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { verhoeffCheckDigit } from "@/core/domain/verhoeff";
import { signInAs, tileValue } from "@/tests/e2e/helpers";

/** "yyyy-MM-dd HH:mm" in IST, the way a register sheet writes it. */
function istText(date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Kolkata", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

const run = Date.now().toString().slice(-6);
const aadhaar = (n: number) => {
  const body = `7${run}${String(n).padStart(4, "0")}`;
  return body + verhoeffCheckDigit(body);
};
const vaccinatedAt = istText(new Date(Date.now() - 3 * 3_600_000));
const people = [
  { serial: `E2E-${run}-1`, name: "Sunaina Kumari", birth: 1990, gender: "F", id: aadhaar(1), dose: 1 },
  { serial: `E2E-${run}-2`, name: "गौतम कुमार", birth: 1971, gender: "M", id: aadhaar(2), dose: 1 },
  { serial: `E2E-${run}-3`, name: "Md. Imran", birth: 1985, gender: "Male", id: aadhaar(3), dose: 2 },
];

function registerCsv(): string {
  const header = "Register_Serial,BLOCK,site,vaccinated_at,beneficiary_name,birth_year,gender,mobile,id_type,id_number,dose,vaccine";
  const good = people.map((p) => `${p.serial},Pirpainty,Middle School Ekdara,${vaccinatedAt},${p.name},${p.birth},${p.gender},98765 43${p.dose}10,Aadhaar,${p.id},${p.dose},Covi Shield`);
  return [
    header,
    ...good,
    `E2E-${run}-4,Pirpainti,Middle School Ekdara,${vaccinatedAt},Bad Dose,1980,M,,Aadhaar,${aadhaar(4)},3,covaxin`,
    `E2E-${run}-5,Sabour,Sabour PHC,${vaccinatedAt},Not Mine,1980,M,,Aadhaar,${aadhaar(5)},1,covaxin`,
  ].join("\n");
}

function portalCsv(): string {
  const header = "portal_ref,beneficiary_name,birth_year,gender,id_last4,mobile_last4,dose,vaccinated_at,site,block,entered_at";
  const enteredAt = istText(new Date(Date.now() - 3_600_000));
  const [first, second] = people;
  return [
    header,
    `CWN-${run}0001,${first!.name},${first!.birth},F,${first!.id.slice(-4)},,1,${vaccinatedAt},Middle School Ekdara,Pirpainti,${enteredAt}`,
    // The report's case: the register says dose 2 … here the portal shows dose 2 for a dose-1 register row.
    `CWN-${run}0002,${second!.name},${second!.birth},M,${second!.id.slice(-4)},,2,${vaccinatedAt},Middle School Ekdara,Pirpainti,${enteredAt}`,
  ].join("\n");
}

async function upload(page: Page, kind: "register" | "portal", name: string, content: string) {
  await page.goto("/imports");
  await page.getByLabel(kind === "register" ? /Offline register/ : /Portal export/).check();
  await page.getByLabel("File", { exact: true }).setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("status", { name: "Import result" })).toBeVisible({ timeout: 30_000 });
}

const resultValue = async (page: Page, key: string) => Number((await page.getByTestId(`result-${key}`).locator("dd").innerText()).replace(/\D/g, ""));

test("an operator imports a messy register, gets rejected rows back, and a portal export clears one row and queues a dose mismatch", async ({ page }) => {
  await signInAs(page, "op.pirpainti");
  await expect(page).toHaveURL(/\/blocks\/pirpainti/);
  const pendingBefore = await tileValue(page, "pending");

  await upload(page, "register", "ekdara-register.csv", registerCsv());
  expect(await resultValue(page, "rows-read")).toBe(5);
  expect(await resultValue(page, "new-records")).toBe(3);
  expect(await resultValue(page, "rejected")).toBe(2);
  const rejected = page.getByRole("table", { name: "Rejected rows" });
  await expect(rejected).toContainText("dose");
  await expect(rejected).toContainText(/Sabour/);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download the 2 rejected rows/ }).click();
  const csv = readFileSync(await (await download).path(), "utf8");
  expect(csv).toMatch(/reason/);
  expect(csv).toContain(`E2E-${run}-4`);
  expect(csv).toContain(`E2E-${run}-5`);

  await page.goto("/blocks/pirpainti");
  await expect.poll(() => tileValue(page, "pending")).toBe(pendingBefore + 3);

  // Re-importing the same file creates nothing new.
  await upload(page, "register", "ekdara-register.csv", registerCsv());
  expect(await resultValue(page, "new-records")).toBe(0);
  expect(await resultValue(page, "already-present")).toBe(3);

  await upload(page, "portal", "cowin-export.csv", portalCsv());
  expect(await resultValue(page, "matched-entered")).toBe(1);
  expect(await resultValue(page, "to-the-anomaly-queue")).toBe(1);

  await page.goto("/blocks/pirpainti");
  await expect.poll(() => tileValue(page, "pending")).toBe(pendingBefore + 2);

  await page.goto("/anomalies");
  const card = page.getByRole("article").filter({ hasText: `CWN-${run}0002` });
  await expect(card).toContainText("Dose differs");
  await expect(card).toContainText(people[1]!.name);
  await page.screenshot({ path: "test-results/anomaly-queue.png", fullPage: true });
  await card.getByRole("button", { name: "Keep the register's" }).click();
  // Nothing changes on one click: the card says what will change, and only "Yes" applies it.
  await expect(card.getByTestId("anomaly-confirm")).toContainText("The register row stays as it is");
  await expect(card).toBeVisible();
  await card.getByRole("button", { name: "Yes: Keep the register's" }).click();
  await expect(page.getByRole("article").filter({ hasText: `CWN-${run}0002` })).toHaveCount(0);
});
