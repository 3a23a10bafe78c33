import { expect, test } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { signInAs, tileValue } from "@/tests/e2e/helpers";

const grouped = (n: number) => new Intl.NumberFormat("en-IN").format(n);

test("the DIO downloads the daily PDF from the report page, and its figures match the dashboard", async ({ page }) => {
  await signInAs(page, "dio");
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  const pending = await tileValue(page, "pending");
  // Pending does not move with the clock (overdue does, every few seconds at this point of the story).

  await page.goto("/reports/daily");
  const link = page.locator("a.daily-report-download").filter({ hasText: "PDF" }).first();
  await expect(link).toBeVisible();
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/api\/v1\/reports\/daily\?.*format=pdf/);

  // The same request the link makes, with the browser's session.
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^application\/pdf/);
  const bytes = new Uint8Array(await res.body());
  expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
  const { text, totalPages } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
  expect(totalPages).toBe(1);
  expect(text).toContain(grouped(pending));
  expect(text).toContain("Pirpainti");
  expect(text).toContain("National portal");
});
