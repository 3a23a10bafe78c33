import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "@/tests/e2e/helpers";

/** Pirpainti's pending count in the overview's block table. */
async function pirpaintiPending(page: Page): Promise<number> {
  const row = page.getByTestId("block-row-pirpainti");
  return Number((await row.locator("td").nth(1).innerText()).replace(/[^\d]/g, ""));
}

test("the DIO watches Pirpainti's backlog shrink while an operator marks an entry on another device — no reload", async ({ page, browser }) => {
  await signInAs(page, "dio");
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("block-row-pirpainti")).toBeVisible();
  const before = await pirpaintiPending(page);
  // A marker on the window survives only if the page is never reloaded.
  await page.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 42));

  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await signInAs(operator, "op.pirpainti");
  await expect(operator).toHaveURL(/\/blocks\/pirpainti/);
  const table = operator.getByRole("table", { name: "Records" });
  await table.locator("tbody tr").nth(0).getByRole("checkbox").check();
  await operator.getByRole("button", { name: "Mark entered…" }).click();
  const form = operator.getByRole("form", { name: "Mark entered" });
  await form.getByRole("textbox").nth(0).fill("CWN-6660000001");
  const markedAt = Date.now();
  await form.getByRole("button", { name: "Mark 1 entered" }).click();

  await expect.poll(() => pirpaintiPending(page), { timeout: 5_000, intervals: [50] }).toBe(before - 1);
  const seenAfterMs = Date.now() - markedAt;
  expect(await page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(42);
  test.info().annotations.push({ type: "live-latency", description: `${seenAfterMs} ms from click to the DIO's table` });
  await operatorContext.close();
});

test("the indicator says Offline when the network goes, and the page catches up when it returns", async ({ page, browser }) => {
  await signInAs(page, "dio");
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  const live = page.getByRole("status").filter({ hasText: /Live|Reconnecting|Offline/ });
  await expect(live).toHaveText(/Live/, { timeout: 15_000 });
  await page.context().setOffline(true);
  await expect(live).toHaveText(/Offline/);

  // While this tab is offline, the operator marks an entry elsewhere.
  const before = await pirpaintiPending(page);
  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await signInAs(operator, "op.pirpainti");
  await expect(operator).toHaveURL(/\/blocks\/pirpainti/);
  await operator.getByRole("table", { name: "Records" }).locator("tbody tr").nth(0).getByRole("checkbox").check();
  await operator.getByRole("button", { name: "Mark entered…" }).click();
  const form = operator.getByRole("form", { name: "Mark entered" });
  await form.getByRole("textbox").nth(0).fill("CWN-6660000002");
  await form.getByRole("button", { name: "Mark 1 entered" }).click();
  await expect(operator.getByRole("status").filter({ hasText: "1 marked entered." })).toBeVisible();
  await operatorContext.close();

  await page.context().setOffline(false);
  await expect(live).toHaveText(/Live/, { timeout: 35_000 });
  await expect.poll(() => pirpaintiPending(page), { timeout: 10_000 }).toBe(before - 1);
});
