import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIResponse, type Browser, type Page, type Response } from "@playwright/test";
import { signInAs } from "@/tests/e2e/helpers";

// Security review, finding 3: every response carries the security headers, the page CSP admits no inline script
// without this request's nonce, and the app still works under it: the browser reports no CSP violation on any
// main page, and the app cannot be framed.

const SIM_ORIGIN = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? "4310"}`;

type Violation = { directive: string; blocked: string; source: string; sample: string };
type Found = { where: string; what: string };

declare global {
  interface Window {
    __cspViolations?: Violation[];
  }
}

/**
 * Records every securitypolicyviolation of every document the page loads (also one left by a navigation, e.g.
 * the sign-in page: each is sent to the test at once), and every CSP console message.
 */
async function watchCsp(page: Page, found: Found[], where: () => string) {
  await page.exposeBinding("__reportCspViolation", ({ frame }, v: Violation) => {
    found.push({ where: `${where()} (${frame.url()})`, what: `${v.directive} blocked ${v.blocked || "(inline)"} at ${v.source} ${v.sample}` });
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener(
      "securitypolicyviolation",
      (e) => {
        const v = { directive: e.violatedDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}`, sample: e.sample };
        window.__cspViolations?.push(v);
        void (window as unknown as { __reportCspViolation?: (v: unknown) => Promise<void> }).__reportCspViolation?.(v);
      },
      true,
    );
  });
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) found.push({ where: where(), what: `console: ${message.text()}` });
  });
}

/** Lets the browser dispatch what is pending and checks the document is still watched (the init script ran). */
async function collectViolations(page: Page, where: string) {
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => Array.isArray(window.__cspViolations)), `${where}: the violation watcher is installed`).toBe(true);
}

function headerOf(response: Response | APIResponse | null, name: string): string {
  expect(response, "no response").not.toBeNull();
  return response!.headers()[name.toLowerCase()] ?? "";
}

/** The page CSP, with a nonce, and the headers every page has. */
function expectPageHeaders(response: Response | APIResponse | null, label: string) {
  const csp = headerOf(response, "content-security-policy");
  expect(csp, `${label}: Content-Security-Policy`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{22,}' 'strict-dynamic'/);
  expect(csp, label).toContain("frame-ancestors 'none'");
  expect(csp, label).toContain("object-src 'none'");
  expect(csp, label).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headerOf(response, "x-frame-options"), label).toBe("DENY");
  expect(headerOf(response, "x-content-type-options"), label).toBe("nosniff");
  expect(headerOf(response, "referrer-policy"), label).toBe("strict-origin-when-cross-origin");
  expect(headerOf(response, "cross-origin-opener-policy"), label).toBe("same-origin");
  expect(headerOf(response, "permissions-policy"), label).toContain("camera=()");
  expect(headerOf(response, "cache-control"), label).toContain("no-store");
}

/** The headers of a data response (JSON, CSV, PDF): a CSP that allows nothing, no-store. */
function expectApiHeaders(response: APIResponse, label: string) {
  expect(headerOf(response, "content-security-policy"), label).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  expect(headerOf(response, "x-frame-options"), label).toBe("DENY");
  expect(headerOf(response, "x-content-type-options"), label).toBe("nosniff");
  expect(headerOf(response, "referrer-policy"), label).toBe("strict-origin-when-cross-origin");
  expect(headerOf(response, "cache-control"), label).toBe("no-store, no-transform");
  // The demo runs on http://localhost: HSTS only when the configured app URL is https.
  expect(headerOf(response, "strict-transport-security"), label).toBe("");
}

/** Waits until the page's data has loaded (a heading, no "Loading…" left) and charts have drawn. */
async function settle(page: Page) {
  await expect(page.locator("main h1").first()).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(".loading")).toHaveCount(0, { timeout: 20_000 });
  await page.waitForTimeout(800);
}

async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expectPageHeaders(response, path);
  await settle(page);
  await collectViolations(page, path);
}

async function switchLanguage(page: Page, label: "हिन्दी" | "English") {
  const button = page.locator(".app-header").getByRole("button", { name: label, exact: true });
  await button.click();
  await expect(button).toHaveAttribute("aria-pressed", "true", { timeout: 20_000 });
  await expect(page.locator("html")).toHaveAttribute("lang", label === "हिन्दी" ? "hi" : "en", { timeout: 20_000 });
  await expect(button).toBeEnabled({ timeout: 20_000 });
}

async function signedInPage(browser: Browser, username: string, found: Found[], where: { path: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await watchCsp(page, found, () => where.path);
  await signInAs(page, username);
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 20_000 });
  return { context, page };
}

test("pages, tRPC, REST (also a 401 and a 403), CSV, PDF, health, next-auth and a 404 carry the security headers", async ({ page, request }) => {
  // Signed out: the sign-in page, an early 401 from a REST route and from tRPC, the health check, a 404.
  expectPageHeaders(await request.get("/sign-in"), "/sign-in");
  const unauthorized = await request.get("/api/v1/backlog");
  expect(unauthorized.status()).toBe(401);
  expectApiHeaders(unauthorized, "401 /api/v1/backlog");
  const trpcUnauthorized = await request.get("/api/trpc/me");
  expect(trpcUnauthorized.status()).toBe(401);
  expectApiHeaders(trpcUnauthorized, "401 /api/trpc/me");
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expectApiHeaders(health, "/api/health");
  const missing = await request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  expectPageHeaders(missing, "404 page");
  const missingApi = await request.get("/api/v1/no-such-route");
  expect(missingApi.status()).toBe(404);
  expect(headerOf(missingApi, "x-frame-options")).toBe("DENY");
  expect(headerOf(missingApi, "cache-control")).toContain("no-store");

  // A fresh nonce per request, and it is the one on Next's own scripts.
  const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1] ?? "";
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  const nonce = nonceOf(headerOf(first, "content-security-policy"));
  expect(nonce).not.toBe("");
  expect(nonceOf(headerOf(second, "content-security-policy"))).not.toBe(nonce);
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);

  // Signed in (the page's cookies): a page, a tRPC call, REST JSON, a 403, CSVs, the daily PDF, the session.
  await signInAs(page, "sup.pirpainti");
  await expect(page).toHaveURL(/\/blocks\/pirpainti/, { timeout: 20_000 });
  const me = await page.request.get("/api/trpc/me");
  expect(me.status()).toBe(200);
  expectApiHeaders(me, "/api/trpc/me");
  const backlog = await page.request.get("/api/v1/backlog");
  expect(backlog.status()).toBe(200);
  expectApiHeaders(backlog, "/api/v1/backlog");
  const otherBlock = await page.request.get("/api/v1/backlog?block=sultanganj");
  expect(otherBlock.status()).toBe(404);
  expectApiHeaders(otherBlock, "404 /api/v1/backlog?block=sultanganj");
  const refused = await page.request.post("/api/v1/probes", { data: { name: "x", url: "http://127.0.0.1:9/" }, headers: { origin: new URL(page.url()).origin } });
  expect(refused.status()).toBe(403);
  expectApiHeaders(refused, "403 POST /api/v1/probes");
  for (const path of ["/api/v1/blocks/pirpainti/records.csv", "/api/v1/camps/totals.csv", "/api/v1/reports/daily?format=csv"]) {
    const csv = await page.request.get(path);
    expect(csv.status(), path).toBe(200);
    expect(headerOf(csv, "content-type"), path).toContain("text/csv");
    expectApiHeaders(csv, path);
  }
  const pdf = await page.request.get("/api/v1/reports/daily?format=pdf&lang=en");
  expect(pdf.status()).toBe(200);
  expect(headerOf(pdf, "content-type")).toContain("application/pdf");
  expectApiHeaders(pdf, "daily PDF");
  const session = await page.request.get("/api/auth/session");
  expect(session.status()).toBe(200);
  expect(headerOf(session, "cache-control")).toContain("no-store");
  expect(headerOf(session, "x-frame-options")).toBe("DENY");
  expectPageHeaders(await page.request.get("/blocks/pirpainti"), "/blocks/pirpainti");

  // Content-hashed build output keeps its year-long cache.
  const chunk = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
  expect(chunk).toBeDefined();
  const asset = await request.get(chunk!);
  expect(asset.status()).toBe(200);
  expect(headerOf(asset, "cache-control")).toBe("public, max-age=31536000, immutable");
  expect(headerOf(asset, "x-content-type-options")).toBe("nosniff");
});

test("the browser enforces the CSP: an injected inline handler does not run, and the watcher sees the violation", async ({ page }) => {
  // The control for the test below: it proves that a violation would be caught there.
  const found: Found[] = [];
  await watchCsp(page, found, () => "/sign-in");
  await page.goto("/sign-in");
  await expect(page.getByLabel("Username")).toBeVisible();
  await page.evaluate(() => {
    const button = document.createElement("button");
    button.setAttribute("onclick", "window.__injected = true");
    document.body.append(button);
    button.click();
  });
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected ?? false)).toBe(false);
  await expect.poll(async () => (await page.evaluate(() => window.__cspViolations ?? [])).map((v) => v.directive)).toContain("script-src-attr");
  await expect.poll(() => found.filter((f) => f.what.startsWith("script-src-attr blocked")).length).toBeGreaterThan(0);
  await expect.poll(() => found.filter((f) => f.what.startsWith("console:")).length).toBeGreaterThan(0);
});

test("every main page loads under the CSP without a single violation", async ({ browser }) => {
  test.setTimeout(240_000);
  const found: Found[] = [];
  const where = { path: "" };

  // Signed out: the sign-in page.
  const anonymous = await browser.newContext();
  const signedOut = await anonymous.newPage();
  await watchCsp(signedOut, found, () => "/sign-in (signed out)");
  await visitSignIn(signedOut);
  await anonymous.close();

  // The district officer: every main page, a probe target's printable report, a 404, the language switch.
  const dio = await signedInPage(browser, "dio", found, where);
  const targets = (await (await dio.page.request.get("/api/v1/probes")).json()) as { targets?: { id: number }[] } | { id: number }[];
  const list = Array.isArray(targets) ? targets : (targets.targets ?? []);
  expect(list.length).toBeGreaterThan(0);
  const pages = [
    "/",
    "/blocks/pirpainti",
    "/camps",
    "/timeliness",
    "/probes",
    `/probes/${list[0]!.id}/report`,
    "/reports/daily",
    "/reports/daily?block=pirpainti&lang=hi",
    "/imports",
    "/anomalies",
    "/sites",
    "/settings/tokens",
    "/settings/access-log",
    "/helpdesk",
  ];
  for (const path of pages) {
    where.path = path;
    await visit(dio.page, path);
  }
  where.path = "/no-such-page";
  const missing = await dio.page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  expectPageHeaders(missing, "404 page");
  await expect(dio.page.locator("main h1")).toBeVisible();
  await collectViolations(dio.page, "/no-such-page");

  // Client-side navigation, live updates and the language switch (saved to the account: put back after).
  where.path = "/ (language switch)";
  await visit(dio.page, "/");
  await dio.page.locator(".app-header").getByRole("link", { name: "Camps" }).click();
  await expect(dio.page).toHaveURL(/\/camps$/);
  await settle(dio.page);
  await switchLanguage(dio.page, "हिन्दी");
  await settle(dio.page);
  await switchLanguage(dio.page, "English");
  await settle(dio.page);
  await collectViolations(dio.page, "/camps (navigation, language switch)");
  where.path = "sign-out";
  await dio.page.locator(".app-header").getByRole("button", { name: "Sign out" }).click();
  await dio.page.waitForURL(/\/sign-in/, { timeout: 20_000 });
  await expect(dio.page.getByLabel("Username")).toBeVisible();
  await collectViolations(dio.page, "/sign-in (after sign-out)");
  await dio.context.close();

  // The helpdesk: a search, the person, the status slip.
  const helpdesk = await signedInPage(browser, "helpdesk", found, where);
  where.path = "/helpdesk (search)";
  await visit(helpdesk.page, "/helpdesk");
  await helpdesk.page.getByRole("textbox", { name: "Mobile number" }).fill("+91 94312 07755");
  await helpdesk.page.getByRole("button", { name: "Search" }).click();
  await expect(helpdesk.page.getByRole("heading", { name: "Ramesh Prasad Mandal" })).toBeVisible({ timeout: 20_000 });
  await helpdesk.page.getByRole("button", { name: "Open: Ramesh Prasad Mandal" }).click();
  await helpdesk.page.getByRole("button", { name: "Status slip" }).click();
  await expect(helpdesk.page.locator(".helpdesk-slip")).toBeVisible();
  await helpdesk.page.emulateMedia({ media: "print" });
  await helpdesk.page.waitForTimeout(300);
  await collectViolations(helpdesk.page, "/helpdesk (search, slip)");
  await helpdesk.context.close();

  expect(found, found.map((f) => `${f.where}: ${f.what}`).join("\n")).toEqual([]);
});

test("the field probe still reaches the portal from a block user's browser under the CSP", async ({ browser }) => {
  test.setTimeout(90_000);
  const found: Found[] = [];
  const where = { path: "/blocks/pirpainti" };
  const { context, page } = await signedInPage(browser, "op.pirpainti", found, where);
  const probeRequest = page.waitForRequest((r) => r.url().startsWith(SIM_ORIGIN), { timeout: 45_000 });
  const reported = page.waitForRequest((r) => r.url().includes("probes.reportField") && r.method() === "POST", { timeout: 45_000 });
  const response = await page.goto("/blocks/pirpainti");
  expect(headerOf(response, "content-security-policy")).toContain(`connect-src 'self' ${SIM_ORIGIN}`);
  await probeRequest;
  const report = await reported;
  expect(report.postData() ?? "").toContain('"ok":true');
  await collectViolations(page, "/blocks/pirpainti (field probe)");
  await context.close();
  expect(found, found.map((f) => `${f.where}: ${f.what}`).join("\n")).toEqual([]);
});

test("the app cannot be framed by another site", async ({ page, baseURL }) => {
  // Another origin (127.0.0.1 instead of localhost) serves a page that frames the app's sign-in page.
  const framing = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><title>framing</title><iframe title="framed" src="${baseURL}/sign-in" width="600" height="400"></iframe>`);
  });
  await new Promise<void>((resolve) => framing.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = framing.address() as AddressInfo;
    const served = page.waitForResponse((r) => r.url() === `${baseURL}/sign-in`);
    // goto waits for the load event, which waits for the frame: by then it shows the app or Chromium's error.
    await page.goto(`http://127.0.0.1:${port}/`);
    // The app did answer the frame's request; the browser refused to show the answer.
    expect((await served).status()).toBe(200);
    const framed = page.frames().find((f) => f !== page.mainFrame());
    expect(framed).toBeDefined();
    expect(framed!.url()).not.toContain("/sign-in");
    await expect(page.frameLocator("iframe").getByLabel("Username")).toHaveCount(0);
  } finally {
    await new Promise((resolve) => framing.close(resolve));
  }
});

async function visitSignIn(page: Page) {
  const response = await page.goto("/sign-in");
  expectPageHeaders(response, "/sign-in");
  await expect(page.getByLabel("Username")).toBeVisible();
  await page.waitForTimeout(500);
  await collectViolations(page, "/sign-in (signed out)");
}
