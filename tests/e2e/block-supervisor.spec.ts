import { expect, test } from "@playwright/test";
import { signInAs, tileValue } from "@/tests/e2e/helpers";

test("a block supervisor lands on their own block and sees only it", async ({ page }) => {
  await signInAs(page, "sup.sultanganj");
  await expect(page).toHaveURL(/\/blocks\/sultanganj/);
  await expect(page.getByRole("heading", { name: /Sultanganj/ })).toBeVisible();
  expect(await tileValue(page, "pending")).toBeGreaterThan(0);
  await expect(page.getByText("Bhagalpur district")).toHaveCount(0);
  await page.screenshot({ path: "test-results/sup-sultanganj.png", fullPage: true });

  await page.goto("/blocks/pirpainti");
  // Another block reads exactly like one that does not exist.
  await expect(page.getByRole("heading", { name: "No such block" })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);

  const api = await page.request.get("/api/v1/backlog?block=Pirpainti");
  expect(api.status()).toBe(404);
  expect((await api.json()).error).toMatch(/There is no block "Pirpainti" that you can see/);
  const own = await page.request.get("/api/v1/backlog");
  expect(own.status()).toBe(200);
  expect((await own.json()).blocks.map((b: { block: string }) => b.block)).toEqual(["Sultanganj"]);
});

test("the block page works on a phone-sized screen", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signInAs(page, "sup.pirpainti");
  await expect(page).toHaveURL(/\/blocks\/pirpainti/);
  await expect(page.getByTestId("tile-pending")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/sup-pirpainti-phone.png", fullPage: true });
  await context.close();
});
