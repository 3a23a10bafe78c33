import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { signInAs } from "@/tests/e2e/helpers";

// Issue 6, part 4: axe reports no serious (or critical) WCAG 2.1 A/AA violations on the main pages, the pages fit
// a 360 px phone, and the overview can be used from the keyboard. Lesser findings are printed as annotations.

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING = new Set(["serious", "critical"]);

/** Waits until the page's data has loaded: a heading is shown and no "Loading…" placeholder is left. */
async function settle(page: Page) {
  await expect(page.locator("main h1").first()).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(".loading")).toHaveCount(0, { timeout: 20_000 });
  // Let Recharts finish its enter animation, so colours are checked on the final drawing.
  await page.waitForTimeout(1_600);
}

async function expectNoSeriousViolations(page: Page, testInfo: TestInfo, label: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const blocking = [];
  for (const violation of results.violations) {
    const where = violation.nodes
      .slice(0, 4)
      .map((node) => `${node.target.join(" ")}${node.failureSummary ? ` — ${node.failureSummary.replace(/\s+/g, " ")}` : ""}`)
      .join(" | ");
    const line = `${label}: [${violation.impact}] ${violation.id} (${violation.nodes.length}×) ${violation.help}. ${where}`;
    if (violation.impact && BLOCKING.has(violation.impact)) blocking.push(line);
    else {
      testInfo.annotations.push({ type: "axe", description: line });
      console.log(`axe (not blocking) ${line}`);
    }
  }
  // Soft, so that one run reports every page's findings.
  expect.soft(blocking, blocking.join("\n")).toEqual([]);
}

async function switchLanguage(page: Page, label: "हिन्दी" | "English") {
  const button = page.locator(".app-header").getByRole("button", { name: label, exact: true });
  await button.click();
  await expect(button).toHaveAttribute("aria-pressed", "true", { timeout: 20_000 });
  await expect(page.locator("html")).toHaveAttribute("lang", label === "हिन्दी" ? "hi" : "en", { timeout: 20_000 });
  await expect(button).toBeEnabled({ timeout: 20_000 });
}

const DIO_PAGES = ["/", "/blocks/pirpainti", "/probes", "/camps", "/timeliness", "/reports/daily", "/imports", "/anomalies"];

test("the sign-in page has no serious accessibility violations", async ({ page }, testInfo) => {
  await page.goto("/sign-in");
  await expect(page.getByLabel("Username")).toBeVisible();
  await expectNoSeriousViolations(page, testInfo, "/sign-in");
});

test("the DIO's main pages have no serious accessibility violations, in English and in Hindi", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await signInAs(page, "dio");
  await expect(page).toHaveURL(/\/$/, { timeout: 20_000 });
  for (const path of DIO_PAGES) {
    await page.goto(path);
    await settle(page);
    await expectNoSeriousViolations(page, testInfo, `dio ${path}`);
  }

  await page.goto("/");
  await settle(page);
  await switchLanguage(page, "हिन्दी");
  try {
    for (const path of ["/", "/blocks/pirpainti", "/probes"]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", "hi");
      await settle(page);
      await expectNoSeriousViolations(page, testInfo, `dio (hi) ${path}`);
    }
  } finally {
    // The choice is saved to the account: put it back for the other tests.
    await page.goto("/");
    await switchLanguage(page, "English");
  }
});

test("the block pages of a supervisor and an operator have no serious accessibility violations", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await signInAs(page, "sup.pirpainti");
  await expect(page).toHaveURL(/\/blocks\/pirpainti/, { timeout: 20_000 });
  await settle(page);
  await expectNoSeriousViolations(page, testInfo, "sup.pirpainti /blocks/pirpainti");
  await page.goto("/probes");
  await settle(page);
  await expectNoSeriousViolations(page, testInfo, "sup.pirpainti /probes");

  await page.context().clearCookies();
  await signInAs(page, "op.pirpainti");
  await expect(page).toHaveURL(/\/blocks\/pirpainti/, { timeout: 20_000 });
  await settle(page);
  await expectNoSeriousViolations(page, testInfo, "op.pirpainti /blocks/pirpainti");
});

test("the helpdesk page has no serious accessibility violations, empty and with a result", async ({ page }, testInfo) => {
  await signInAs(page, "helpdesk");
  await expect(page).toHaveURL(/\/helpdesk$/, { timeout: 20_000 });
  await settle(page);
  await expectNoSeriousViolations(page, testInfo, "helpdesk (empty)");

  await page.getByRole("textbox", { name: "Mobile number" }).fill("9431207755");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: "Ramesh Prasad Mandal" })).toBeVisible();
  await settle(page);
  await expectNoSeriousViolations(page, testInfo, "helpdesk (result)");
});

test("at 360 px the overview, block page and portal page do not scroll sideways", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signInAs(page, "dio");
  await expect(page).toHaveURL(/\/$/, { timeout: 20_000 });
  for (const path of ["/", "/blocks/pirpainti", "/probes"]) {
    await page.goto(path);
    await settle(page);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(widths.view, path).toBe(360);
    expect(widths.scroll, `${path} is ${widths.scroll} px wide`).toBeLessThanOrEqual(360);
  }
  await context.close();
});

test("the overview works from the keyboard: Tab reaches the language switch and a block, Enter opens it", async ({ page }) => {
  await signInAs(page, "dio");
  await expect(page).toHaveURL(/\/$/, { timeout: 20_000 });
  // A fresh load, so that sequential focus starts at the top of the document.
  await page.goto("/");
  await settle(page);

  const firstBlockLink = page.locator('[data-testid^="block-row-"] a').first();
  const firstBlockHref = await firstBlockLink.getAttribute("href");
  expect(firstBlockHref).toMatch(/^\/blocks\//);

  let reachedLanguage = false;
  let reachedBlock = false;
  for (let i = 0; i < 150 && !reachedBlock; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return null;
      const style = window.getComputedStyle(el);
      return {
        text: el.textContent?.trim() ?? "",
        inLanguageSwitch: Boolean(el.closest(".language-switch")),
        href: el.getAttribute("href"),
        inBlockRow: Boolean(el.closest('[data-testid^="block-row-"]')),
        // Focus must be visible: an outline (or a box shadow) is drawn.
        outlined: (style.outlineStyle !== "none" && style.outlineWidth !== "0px") || style.boxShadow !== "none",
      };
    });
    if (!focused) continue;
    if (focused.inLanguageSwitch) {
      reachedLanguage = true;
      expect(focused.outlined, `focus ring on ${focused.text}`).toBe(true);
    }
    if (focused.inBlockRow && focused.href === firstBlockHref) {
      reachedBlock = true;
      expect(focused.outlined, `focus ring on ${focused.text}`).toBe(true);
    }
  }
  expect(reachedLanguage, "Tab reaches the हिन्दी / English switch").toBe(true);
  expect(reachedBlock, "Tab reaches the first block link").toBe(true);

  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${firstBlockHref}(\\?|$)`));
  await expect(page.locator("main h1").first()).toBeVisible();
});

test("the first Tab on a page shows a skip link that jumps past the header", async ({ page }) => {
  await signInAs(page, "dio");
  await expect(page).toHaveURL(/\/$/, { timeout: 20_000 });
  await page.goto("/");
  await settle(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest("header")))).toBe(false);
});
