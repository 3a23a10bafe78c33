import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "@/tests/e2e/helpers";

/**
 * Every role's main pages at a phone's 360 px and a desktop's 1366 px (issue 15): no sideways scrolling, and no
 * two pieces of text drawn over each other (compared as the browser's own text boxes, one per line of each text
 * node); in Hindi, no English sentence left on the page (four Latin-script words in a row, outside names and
 * codes, which are shorter).
 */
const PAGES: Record<string, string[]> = {
  dio: ["/", "/blocks/pirpainti", "/camps", "/timeliness", "/probes", "/reports/daily", "/imports", "/anomalies"],
  "sup.pirpainti": ["/blocks/pirpainti", "/probes"],
  "op.pirpainti": ["/blocks/pirpainti", "/imports"],
  helpdesk: ["/helpdesk"],
  "sio.bihar": ["/", "/probes"],
};
const WIDTHS = [360, 1366];
const HINDI_FOR = new Set(["dio", "sup.pirpainti"]);

type Overlap = { a: string; b: string };

/** Pairs of text lines (of different text nodes) whose boxes intersect by more than a sliver. */
async function textOverlaps(page: Page): Promise<Overlap[]> {
  return page.evaluate(() => {
    const boxes: { text: string; r: DOMRect }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? "";
      const el = node.parentElement;
      if (!text || !el || el.closest("svg, .sr-only, script, style, noscript, [hidden], [aria-hidden='true']")) continue;
      // Not drawn: hidden by style, or the content of a closed <details> (its summary is drawn).
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const closed = el.closest("details:not([open])");
      if (closed && !el.closest("summary")) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 1 && r.height > 1) boxes.push({ text: text.slice(0, 40), r });
    }
    const found: { a: string; b: string }[] = [];
    for (let i = 0; i < boxes.length && found.length < 5; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r;
        const b = boxes[j]!.r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        // More than 3 px both ways: line boxes of adjacent lines touch; drawn-over text overlaps.
        if (w > 3 && h > 3) found.push({ a: boxes[i]!.text, b: boxes[j]!.text });
      }
    }
    return found;
  });
}

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** English sentences on a Hindi page: four or more Latin-script words in a row in one visible text node. */
async function latinSentences(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest("script, style, noscript, [hidden], code, pre, [data-latin-ok]")) continue;
      const text = node.textContent ?? "";
      const match = text.match(/[A-Za-z]{2,}[,.:;]?(\s+[A-Za-z]{2,}[,.:;]?){3,}/);
      if (match) found.push(match[0]);
    }
    return found.slice(0, 10);
  });
}

async function switchLanguage(page: Page, label: "हिन्दी" | "English") {
  await page.getByRole("button", { name: label }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", label === "हिन्दी" ? "hi" : "en", { timeout: 20_000 });
}

for (const [username, paths] of Object.entries(PAGES)) {
  test(`${username}: main pages at 360 and 1366 px have no sideways scroll and no text drawn over text${HINDI_FOR.has(username) ? ", in English and Hindi" : ""}`, async ({ page }) => {
    test.setTimeout(240_000);
    await signInAs(page, username);
    await expect(page).not.toHaveURL(/sign-in/);
    const languages = HINDI_FOR.has(username) ? (["en", "hi"] as const) : (["en"] as const);
    const problems: string[] = [];
    try {
      for (const language of languages) {
        if (language === "hi") await switchLanguage(page, "हिन्दी");
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: width < 500 ? 740 : 900 });
          for (const path of paths) {
            await page.goto(path);
            await page.waitForLoadState("networkidle");
            const where = `${username} ${language} ${width}px ${path}`;
            const overflow = await sidewaysOverflow(page);
            if (overflow > 1) problems.push(`${where}: scrolls sideways by ${overflow} px`);
            for (const o of await textOverlaps(page)) problems.push(`${where}: "${o.a}" overlaps "${o.b}"`);
            if (language === "hi") for (const s of await latinSentences(page)) problems.push(`${where}: English on a Hindi page: "${s}"`);
          }
        }
      }
    } finally {
      if (languages.length > 1) await switchLanguage(page, "English").catch(() => undefined);
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });
}
