import { expect, test } from "@playwright/test";
import { signInAs } from "@/tests/e2e/helpers";
import { telegramStandIn } from "@/tests/helpers/notify-stand-ins";

const TOKEN = "424242:e2e-bot-token-secret";

test.describe("alert channels against a Telegram Bot API stand-in", () => {
  let telegram: Awaited<ReturnType<typeof telegramStandIn>>;
  test.beforeAll(async () => {
    telegram = await telegramStandIn(TOKEN);
  });
  test.afterAll(async () => {
    await telegram?.close();
  });

  test("the DIO configures Telegram, presses Send test, and sees it delivered in the log", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 }); // a phone
    await signInAs(page, "dio");
    await expect(page).not.toHaveURL(/sign-in/);
    await page.goto("/settings/alerts");
    const card = page.getByTestId("channel-TELEGRAM");
    await expect(card).toContainText("Secret: not set");
    await card.getByLabel("API base URL").fill(telegram.url);
    await card.getByLabel("Bot token").fill(TOKEN);
    await card.getByRole("button", { name: "Save channel" }).click();
    await expect(card).toContainText("Secret: set");
    await card.getByLabel("Send a test to").fill("55501234");
    await card.getByRole("button", { name: "Send test" }).click();
    await expect(page.getByTestId("test-result-TELEGRAM")).toContainText("Test: sent");
    const log = page.getByTestId("delivery-log");
    await expect(log.locator("tbody tr").first()).toContainText("sent");
    await expect(log.locator("tbody tr").first()).toContainText("55501234");
    expect(telegram.seen.at(-1)?.path).toBe(`/bot${TOKEN}/sendMessage`);
    // The page never shows the token back.
    expect(await page.content()).not.toContain(TOKEN);
    await page.screenshot({ path: "test-results/alert-channels-phone.png", fullPage: true });
  });
});
