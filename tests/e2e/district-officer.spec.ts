import { expect, test } from "@playwright/test";
import { signInAs, tileValue } from "@/tests/e2e/helpers";

test("the DIO sees the district backlog, Pirpainti in chart and table, and drills into its pending records", async ({ page }) => {
  await signInAs(page, "dio");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: /Bhagalpur district/ })).toBeVisible();

  const pending = await tileValue(page, "pending");
  expect(pending).toBeGreaterThanOrEqual(2000);
  expect(await tileValue(page, "overdue")).toBeGreaterThan(0);

  const chart = page.getByRole("figure", { name: /Pending entries by block/ });
  await expect(chart.locator(".recharts-cartesian-axis-tick-value", { hasText: /^Pirpainti$/ })).toBeVisible();
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  const row = page.getByTestId("block-row-pirpainti");
  const pirpaintiPending = Number((await row.locator("td").nth(1).innerText()).replace(/[^\d]/g, "")); // column 2: Pending
  expect(pirpaintiPending).toBeGreaterThanOrEqual(180);
  expect(pirpaintiPending).toBeLessThanOrEqual(220);
  await page.screenshot({ path: "test-results/dio-overview.png", fullPage: true });

  await row.getByRole("link", { name: "Pirpainti" }).click();
  await expect(page).toHaveURL(/\/blocks\/pirpainti/);
  await expect(page.getByRole("heading", { name: /Pirpainti/ })).toBeVisible();
  expect(await tileValue(page, "pending")).toBe(pirpaintiPending);
  await expect(page.getByTestId("pending-total")).toHaveText(new RegExp(`^${pirpaintiPending} pending records match`));
  const recordsTable = page.getByRole("table", { name: "Records" });
  await expect(recordsTable.locator("tbody tr")).toHaveCount(25);
  await expect(recordsTable).toContainText(/left|overdue by/);
  await expect(recordsTable).not.toContainText(/\b\d{10}\b/);

  await page.getByRole("combobox", { name: "Age", exact: true }).selectOption("overdue");
  await expect(page).toHaveURL(/bucket=overdue/);
  const overdueTile = await tileValue(page, "overdue");
  await expect(page.getByTestId("pending-total")).toHaveText(new RegExp(`^${overdueTile} pending record`));

  // The filtered view is a link that can be shared.
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Age", exact: true })).toHaveValue("overdue");
  await page.screenshot({ path: "test-results/dio-pirpainti.png", fullPage: true });
});

test("a wrong password gets one clear message that does not say which part was wrong", async ({ page }) => {
  await signInAs(page, "dio", "not-the-password");
  const message = page.locator("form").getByRole("alert");
  await expect(message).toHaveText("Wrong username or password.");
  await expect(page).toHaveURL(/\/sign-in/);
  await signInAs(page, "no.such.user", "whatever");
  await expect(message).toHaveText("Wrong username or password.");
});
