import { expect, test } from "@playwright/test";
import { signInAs } from "@/tests/e2e/helpers";

test("the helpdesk finds the Sultanganj beneficiary by mobile and prints a Hindi status slip", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signInAs(page, "helpdesk");
  await expect(page).toHaveURL(/\/helpdesk$/);

  await page.goto("/imports");
  await expect(page).toHaveURL(/\/helpdesk$/);

  await page.getByRole("textbox", { name: "Mobile number" }).fill("12345");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not a 10-digit Indian mobile number" })).toBeVisible();

  await page.getByRole("textbox", { name: "Mobile number" }).fill("+91 94312 07755");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: "Ramesh Prasad Mandal" })).toBeVisible();
  await expect(page.getByText("Dose 2 (Covaxin) given on").first()).toBeVisible();
  await expect(page.getByText("9431207755")).toHaveCount(0);

  await page.getByRole("button", { name: "Open: Ramesh Prasad Mandal" }).click();
  await page.getByRole("button", { name: "Status slip" }).click();
  const slip = page.locator(".helpdesk-slip");
  await slip.getByRole("button", { name: "हिन्दी" }).click();
  await expect(slip.getByRole("heading", { name: "टीकाकरण प्रविष्टि स्थिति पर्ची" })).toBeVisible();
  await expect(slip).toContainText("अभी पोर्टल पर दर्ज नहीं है");
  await expect(slip).toContainText("सुल्तानगंज प्रखंड");
  await expect(slip).toContainText("••••••7755");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("heading", { name: "Helpdesk lookup" })).toBeHidden();
  await expect(slip.getByRole("heading", { name: "टीकाकरण प्रविष्टि स्थिति पर्ची" })).toBeVisible();
  await context.close();
});

test("the district officer reads the access log", async ({ page }) => {
  await signInAs(page, "dio");
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await page.goto("/settings/access-log");
  await expect(page.getByRole("heading", { name: "Helpdesk access log" })).toBeVisible();
});
