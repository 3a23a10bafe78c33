import { expect, test } from "@playwright/test";
import { signInAs, tileValue } from "@/tests/e2e/helpers";

test("an operator marks records entered and rejected from the pending table; the DIO undoes a wrong mark", async ({ page, browser }) => {
  await signInAs(page, "op.pirpainti");
  await expect(page).toHaveURL(/\/blocks\/pirpainti/);
  const before = await tileValue(page, "pending");
  const table = page.getByRole("table", { name: "Records" });
  const firstSerial = (await table.locator("tbody tr").nth(0).locator("td").nth(4).innerText()).trim();

  await table.locator("tbody tr").nth(0).getByRole("checkbox").check();
  await table.locator("tbody tr").nth(1).getByRole("checkbox").check();
  await expect(page.getByText("2 selected")).toBeVisible();
  await page.getByRole("button", { name: "Mark entered…" }).click();
  const form = page.getByRole("form", { name: "Mark entered" });
  const refs = form.getByRole("textbox");
  await refs.nth(0).fill("CWN-5550000001");
  await refs.nth(1).fill("CWN-5550000002");
  await form.getByRole("button", { name: "Mark 2 entered" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 marked entered." })).toBeVisible();
  await expect.poll(() => tileValue(page, "pending")).toBe(before - 2);

  await table.locator("tbody tr").nth(0).getByRole("checkbox").check();
  await page.getByRole("button", { name: "Mark rejected…" }).click();
  const reject = page.getByRole("form", { name: "Mark rejected" });
  await reject.getByLabel("Reason").selectOption("Age on ID below 18");
  await reject.getByRole("button", { name: "Mark 1 rejected" }).click();
  await expect.poll(() => tileValue(page, "pending")).toBe(before - 3);

  // The DIO finds the first record (now entered) and undoes the mark.
  const dioContext = await browser.newContext();
  const dio = await dioContext.newPage();
  await signInAs(dio, "dio");
  await dio.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await dio.goto(`/blocks/pirpainti?status=ENTERED&q=${encodeURIComponent(firstSerial)}`);
  const found = dio.getByRole("table", { name: "Records" }).locator("tbody tr");
  await expect(found).toHaveCount(1);
  await expect(found).toContainText("CWN-555000000");
  await found.getByRole("button").first().click();
  const dialog = dio.getByRole("dialog");
  await expect(dialog.getByTestId("record-status")).toContainText("ENTERED");
  await dialog.getByRole("button", { name: "Undo" }).click();
  await expect(dialog.getByTestId("record-status")).toHaveText("PENDING");
  await expect(dialog.getByRole("listitem").last()).toContainText("ENTERED → PENDING by District Immunization Officer");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect.poll(() => tileValue(dio, "pending")).toBe(before - 2);
  await dioContext.close();
});
