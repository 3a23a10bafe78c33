import { expect, test } from "@playwright/test";
import { signInAs } from "@/tests/e2e/helpers";

test("the state officer sees Bihar's rules and their districts on the rules screen; a district officer sees them without the forms", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "sio.bihar");
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await page.getByRole("link", { name: "Programme rules" }).click();
  await expect(page.getByRole("heading", { name: "Programme rules" })).toBeVisible();
  await expect(page.getByTestId("state-rule")).toHaveText("Deadline: 48 h after vaccination · working hours 08:00–22:00 IST");
  await expect(page.getByRole("listitem").filter({ hasText: "Bhagalpur:" })).toContainText("48 h after vaccination · 08:00–22:00");
  await expect(page.getByRole("button", { name: "Save the state's rules" })).toBeVisible();
  // A district's looser rule is refused by the server, with the reason in place.
  await page.locator("#district-hours").fill("72");
  await page.getByRole("button", { name: "Set the district's own rules" }).click();
  await expect(page.locator("p.form-error")).toContainText("may not be later than the state's (48 h)");

  await page.context().clearCookies();
  await signInAs(page, "dio");
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await page.goto("/settings/rules");
  await expect(page.getByTestId("state-rule")).toHaveText("Deadline: 48 h after vaccination · working hours 08:00–22:00 IST");
  await expect(page.getByRole("button", { name: "Save the state's rules" })).toHaveCount(0);
});
