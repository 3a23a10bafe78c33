import { expect, test } from "@playwright/test";
import { startPortalSimulator, type PortalSimulator } from "@/scripts/lib/portal-simulator";
import { signInAs } from "@/tests/e2e/helpers";

test("the DIO sees pending entries over time with the portal outage drawn on it", async ({ page }) => {
  await signInAs(page, "dio");
  await expect(page).toHaveURL(/\/$/);
  const chart = page.getByTestId("pending-history");
  await expect(chart).toBeVisible();
  await expect(chart.locator(".recharts-area-area")).toHaveCount(1);
  // The demo's ~4 h outage on the second mega camp day is a band labelled DOWN, and the caption says what it did.
  await expect(chart.locator("svg text", { hasText: /^DOWN$/ }).first()).toBeVisible();
  await expect(page.getByTestId("pending-history-caption")).toContainText(/DOWN .* IST: pending rose from [\d,]+ to [\d,]+/);
  await expect(chart.getByText(/Portal DOWN \(\d+\)/)).toBeVisible();
  await page.screenshot({ path: "test-results/overview-pending-history.png", fullPage: true });
});

test.describe("a target against the local simulator", () => {
  let sim: PortalSimulator;
  test.beforeAll(async () => {
    sim = await startPortalSimulator({ port: 0, host: "127.0.0.1", mode: "up" });
  });
  test.afterAll(async () => {
    await sim?.close();
  });

  // Probe targets are the state's: the state officer manages them, a DIO reads them.
  test("the state officer adds it and watches it go UP → DOWN → UP, with an incident logged", async ({ page }) => {
    test.setTimeout(90_000);
    const name = `E2E simulator ${Date.now()}`;
    await signInAs(page, "sio.bihar");
    await expect(page).not.toHaveURL(/sign-in/);
    await page.goto("/probes");
    await page.getByRole("button", { name: "Add target" }).click();
    const form = page.getByTestId("probe-target-form");
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("URL").fill(sim.url);
    await form.getByLabel("Interval (seconds)").fill("5");
    await form.getByLabel("Timeout (ms)").fill("2000");
    await form.getByLabel("Slow above (ms)").fill("1500");
    await form.getByLabel("Retries before DOWN").fill("0");
    await form.getByRole("button", { name: "Add target" }).click();
    await expect(form).toHaveCount(0);

    const card = page.getByRole("article", { name });
    await expect(card.locator(".state-badge")).toHaveText("UP", { timeout: 25_000 });
    const id = Number((await card.getAttribute("data-testid"))?.replace("probe-card-", ""));
    expect(id).toBeGreaterThan(0);

    sim.setMode("down");
    // The header of every page names the portal's worst state, live: within 10 s of the simulator going down.
    await expect(page.getByTestId("portal-state")).toHaveAttribute("data-state", "DOWN", { timeout: 10_000 });
    await expect(page.getByTestId("portal-state")).toContainText("Portal down");
    await expect(card.locator(".state-badge")).toHaveText("DOWN", { timeout: 25_000 });
    const log = page.getByTestId("incident-log");
    await expect(log.getByTestId("incident-row").first()).toContainText("DOWN", { timeout: 15_000 });
    await expect(log.getByTestId("incident-row").first()).toContainText("ongoing");

    sim.setMode("up");
    await expect(card.locator(".state-badge")).toHaveText("UP", { timeout: 25_000 });
    await expect(page.getByTestId("portal-state")).toHaveAttribute("data-state", "UP", { timeout: 10_000 });
    await expect(log.getByTestId("incident-row").first()).not.toContainText("ongoing", { timeout: 15_000 });

    // Pause it, so that the closed simulator does not leave an outage on the rest of the run.
    // As the page's own script would send it: from the app's origin (a cookie write from elsewhere is refused).
    const paused = await page.request.patch(`/api/v1/probes/${id}`, { data: { enabled: false }, headers: { origin: new URL(page.url()).origin } });
    expect(paused.status()).toBe(200);
  });
});

test("a block supervisor sees the probes page read-only, and the API refuses their changes", async ({ page }) => {
  await signInAs(page, "sup.pirpainti");
  await expect(page).toHaveURL(/\/blocks\/pirpainti/);
  await page.goto("/probes");
  await expect(page.getByRole("heading", { name: "Portal health" })).toBeVisible();
  await expect(page.locator(".probe-card").first()).toBeVisible();
  await expect(page.getByTestId("field-reach")).toBeVisible();
  // The demo night when only Pirpainti's link was down, told apart from the portal's own outage.
  const outages = page.getByTestId("field-outages");
  await expect(outages).toContainText("Only Pirpainti’s network: the portal was up");
  await expect(outages).toContainText("The portal was down (for everyone)");
  await expect(page.getByRole("button", { name: "Add target" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Edit target" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Alert settings" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add maintenance window" })).toHaveCount(0);

  const refused = await page.request.post("/api/v1/probes", {
    data: { name: "Not allowed", url: "http://127.0.0.1:9/", intervalSeconds: 60, timeoutMs: 5000, slowMs: 1000, retries: 1 },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(refused.status()).toBe(403);
  // Refused for the role, not for where it came from.
  expect((await refused.json()).key).toBe("notAllowed");
});
