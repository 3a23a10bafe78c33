import { expect, test } from "@playwright/test";
import { signInAs } from "@/tests/e2e/helpers";

test("signing out ends the session on the server: a copied session cookie stops working", async ({ page, browser, playwright, baseURL }) => {
  await signInAs(page, "dio");
  await expect(page).toHaveURL(/\/$/);
  const sessionCookies = (await page.context().cookies()).filter((c) => c.name.includes("next-auth.session-token"));
  expect(sessionCookies.length).toBeGreaterThan(0);
  const copied = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: sessionCookies.map((c) => `${c.name}=${c.value}`).join("; ") },
  });
  expect((await copied.get("/api/v1/backlog")).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // The browser forgot its cookie; a copy made before sign-out is refused by the API and by the pages.
  expect((await copied.get("/api/v1/backlog")).status()).toBe(401);
  const elsewhere = await browser.newContext();
  await elsewhere.addCookies(sessionCookies);
  const other = await elsewhere.newPage();
  await other.goto("/");
  await expect(other).toHaveURL(/\/sign-in/);
  await copied.dispose();
  await elsewhere.close();
});

test("repeated failures say how long to wait", async ({ page }) => {
  for (let i = 0; i < 3; i++) {
    await signInAs(page, "e2e.throttled", "not-the-password");
    await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong username or password.");
  }
  await signInAs(page, "e2e.throttled", "not-the-password");
  await expect(page.locator("form").getByRole("alert")).toHaveText(/^Too many failed attempts from this account or this network\. Try again in [12] s\.$/);
});
