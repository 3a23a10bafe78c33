import { expect, test, type Page } from "@playwright/test";
import { signInAs, tileValue } from "@/tests/e2e/helpers";

const countIn = async (page: Page, testId: string, column: number) =>
  Number((await page.getByTestId(testId).locator("td").nth(column).innerText()).replace(/[^\d]/g, ""));

async function expectNoSidewaysScroll(page: Page) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll, `page is ${scroll}px wide in a ${width}px window`).toBeLessThanOrEqual(width);
}

test("the state officer sees the districts side by side and drills down state › district › block", async ({ page }) => {
  await signInAs(page, "sio.bihar");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: /^Bihar — portal entry backlog by district/ })).toBeVisible();
  await expect(page.locator(".brand-sub")).toHaveText("Bihar");
  const bhagalpur = page.getByTestId("district-row-bhagalpur");
  await expect(bhagalpur).toBeVisible();
  await expect(page.getByTestId("district-row-banka")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Not set up yet (36)" })).toBeVisible();
  await expect(page.getByTestId("not-set-up").locator("li")).toHaveCount(36);
  await expect(page.getByTestId("not-set-up")).toContainText("Patna");

  const bhagalpurPending = await countIn(page, "district-row-bhagalpur", 1);
  const bankaPending = await countIn(page, "district-row-banka", 1);
  expect(bhagalpurPending).toBeGreaterThan(0);
  expect(bankaPending).toBeGreaterThan(0);
  expect(await tileValue(page, "pending")).toBe(bhagalpurPending + bankaPending);
  await page.screenshot({ path: "test-results/sio-state.png", fullPage: true });

  await bhagalpur.getByRole("link", { name: "Bhagalpur" }).click();
  await expect(page).toHaveURL(/\/districts\/bhagalpur$/);
  await expect(page.getByRole("heading", { name: /^Bhagalpur district/ })).toBeVisible();
  await expect(page.getByTestId("district-trail")).toHaveText(/Bihar › Bhagalpur/);
  expect(await tileValue(page, "pending")).toBe(bhagalpurPending);
  // Only Bhagalpur's blocks: Banka's Amarpur is not in its table.
  await expect(page.getByTestId("block-row-pirpainti")).toBeVisible();
  await expect(page.getByTestId("block-row-amarpur")).toHaveCount(0);
  const pirpaintiPending = await countIn(page, "block-row-pirpainti", 1);

  await page.getByTestId("block-row-pirpainti").getByRole("link", { name: "Pirpainti" }).click();
  await expect(page).toHaveURL(/\/districts\/bhagalpur\/blocks\/pirpainti$/);
  await expect(page.getByRole("heading", { name: /Pirpainti/ })).toBeVisible();
  await expect(page.locator(".breadcrumb")).toHaveText(/Bihar › Bhagalpur › Pirpainti/);
  expect(await tileValue(page, "pending")).toBe(pirpaintiPending);

  // The header's links stay within the district: its camps page is the camps page, narrowed to it.
  await page.getByRole("link", { name: "Camps", exact: true }).click();
  await expect(page).toHaveURL(/\/districts\/bhagalpur\/camps$/);
  await expect(page.getByTestId("district-trail")).toHaveText(/Bihar › Bhagalpur/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // Setting up districts: the state's whole list, each with its status.
  await page.getByRole("link", { name: "Districts", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/districts$/);
  await expect(page.locator('[data-testid^="setup-row-"]')).toHaveCount(38);
  await expect(page.getByTestId("setup-row-patna")).toContainText("Not set up");

  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  await expect(page.getByTestId("district-row-banka")).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.goto("/districts/banka");
  await expect(page.getByRole("heading", { name: /^Banka district/ })).toBeVisible();
  await expectNoSidewaysScroll(page);
});

test("a district officer may open their own district's page, and another district reads as not found", async ({ page }) => {
  await signInAs(page, "dio.banka");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator(".brand-sub")).toHaveText("Banka");
  await page.goto("/districts/banka");
  await expect(page.getByRole("heading", { name: /^Banka district/ })).toBeVisible();
  await page.goto("/districts/bhagalpur");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByTestId("tile-pending")).toHaveCount(0);
});
