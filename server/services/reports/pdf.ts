/**
 * HTML → PDF with the machine's headless Chromium (Debian's /usr/bin/chromium, or TEEKA_CHROMIUM_PATH), driven
 * by playwright-core. Chromium shapes Devanagari properly, which pure-JS PDF libraries do not.
 *
 * One browser is launched on the first request and reused; it is closed after IDLE_MS without work (and on
 * process exit). Each PDF gets its own context, which may reach no network at all: the HTML must carry everything
 * (inline CSS, fonts as data URLs). playwright-core kills the browser when the process exits. Every PDF has a hard time limit; after a timeout the browser is thrown away so
 * that a wedged Chromium cannot block the next request. At most MAX_PARALLEL pages print at once.
 */
import "server-only";
import { environment } from "@/server/config";
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

const IDLE_MS = 60_000;
const TIMEOUT_MS = 20_000;
const MAX_PARALLEL = 2;
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** Chromium is missing, would not start or timed out: the route answers 503 with `message`. */
export class PdfUnavailableError extends Error {
  override readonly name = "PdfUnavailableError";
}

export function chromiumPath(): string {
  return environment().TEEKA_CHROMIUM_PATH;
}

let browser: Promise<Browser> | null = null;
let current: Browser | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let active = 0;
const waiting: (() => void)[] = [];

async function launch(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(/*turbopackIgnore: true*/ executablePath)) {
    throw new PdfUnavailableError(
      `PDF rendering needs Chromium, which is not installed at ${executablePath}. Install Debian's "chromium" package or set TEEKA_CHROMIUM_PATH; the CSV download works meanwhile.`,
    );
  }
  const { chromium } = await import("playwright-core");
  try {
    const b = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: TIMEOUT_MS });
    b.on("disconnected", () => {
      if (current === b) {
        browser = null;
        current = null;
      }
    });
    current = b;
    return b;
  } catch (error) {
    throw new PdfUnavailableError(`Chromium at ${executablePath} would not start: ${(error as Error).message.split("\n")[0]}`);
  }
}

function getBrowser(): Promise<Browser> {
  browser ??= launch().catch((error: unknown) => {
    browser = null;
    throw error;
  });
  return browser;
}

/** Closes the shared browser (idle, after a timeout, at exit, or from tests). */
export async function closePdfBrowser(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const pending = browser;
  browser = null;
  current = null;
  if (pending) await pending.then((b) => b.close()).catch(() => undefined);
}

function scheduleIdleClose() {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (active === 0) void closePdfBrowser();
  }, IDLE_MS);
  idleTimer.unref();
}

async function slot(): Promise<void> {
  if (active < MAX_PARALLEL) {
    active++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release() {
  const next = waiting.shift();
  if (next) next();
  else active--;
}

/** Prints a self-contained HTML document to an A4 PDF. */
export async function htmlToPdf(html: string, options: { timeoutMs?: number } = {}): Promise<Buffer> {
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  if (idleTimer) clearTimeout(idleTimer);
  await slot();
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  try {
    const b = await getBrowser();
    const context = await b.newContext();
    const work = (async () => {
      // Nothing may be fetched: anything but inline data is refused.
      await context.route(/^(?!data:)/, (route) => route.abort());
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: "load", timeout: timeoutMs });
      await page.evaluate(() => document.fonts.ready.then(() => undefined)).catch(() => undefined);
      return page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    })();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new PdfUnavailableError(`The PDF took longer than ${timeoutMs / 1000} s to render. Try again in a minute; the CSV download works meanwhile.`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([work, deadline]);
    } finally {
      await context.close().catch(() => undefined);
      work.catch(() => undefined);
    }
  } finally {
    if (timer) clearTimeout(timer);
    if (timedOut) await closePdfBrowser();
    release();
    scheduleIdleClose();
  }
}
