import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-pass-2021";

export async function signInAs(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Reads a summary tile's number ("2,153" -> 2153). */
export async function tileValue(page: Page, key: string): Promise<number> {
  const text = await page.getByTestId(`tile-${key}`).locator("dd").innerText();
  return Number(text.replace(/[^\d]/g, ""));
}

export async function expectSignedInHome(page: Page, path: RegExp) {
  await expect(page).toHaveURL(path);
}
