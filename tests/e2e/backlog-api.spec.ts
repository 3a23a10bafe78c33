import { expect, test } from "@playwright/test";
import { signInAs, tileValue } from "@/tests/e2e/helpers";

test("the read API answers a token with the same numbers as the screen, and refuses bad calls clearly", async ({ page, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.get("/api/v1/backlog")).status()).toBe(401);
  expect((await anonymous.get("/api/v1/backlog", { headers: { authorization: "Bearer tm_wrong" } })).status()).toBe(401);
  expect((await anonymous.get("/api/v1/anomalies")).status()).toBe(401);
  expect((await anonymous.post("/api/v1/imports/register", { data: "register_serial\n" })).status()).toBe(401);
  expect((await anonymous.post("/api/v1/imports/portal", { data: "portal_ref\n" })).status()).toBe(401);
  expect((await anonymous.post("/api/v1/records/status", { data: { items: [] } })).status()).toBe(401);
  expect((await anonymous.get("/api/v1/openapi.json")).status()).toBe(200);

  await signInAs(page, "dio");
  const screenPending = await tileValue(page, "pending");
  await page.goto("/settings/tokens");
  await page.getByLabel("Name").fill("e2e wall screen");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").innerText()).trim();
  expect(token).toMatch(/^tm_/);

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const res = await api.get("/api/v1/backlog");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.deadlineHours).toBe(48);
  expect(body.blocks).toHaveLength(17);
  expect(body.district.pending).toBe(screenPending);
  const pirpainti = body.blocks.find((b: { block: string }) => b.block === "Pirpainti");
  expect(Object.keys(pirpainti).sort()).toEqual(["ageBuckets", "block", "dueWithin6h", "entered", "overdue", "pending", "rejected", "vaccinated"]);

  const one = await (await api.get("/api/v1/backlog?block=pirpainti")).json();
  expect(one.blocks).toHaveLength(1);
  expect(one.district.pending).toBe(pirpainti.pending);

  // An unknown block reads like one outside the caller's scope: not found, and nothing said about it.
  const unknown = await api.get("/api/v1/backlog?block=Atlantis");
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error).toMatch(/There is no block "Atlantis" that you can see/);
  for (const [query, message] of [
    ["?blok=Pirpainti", /Unknown parameter/],
    ["?block=", /must not be empty/],
    ["?block=Pirpainti&block=Sabour", /once/],
  ] as const) {
    const bad = await api.get(`/api/v1/backlog${query}`);
    expect(bad.status(), query).toBe(400);
    expect((await bad.json()).error).toMatch(message);
  }

  const health = await anonymous.get("/api/health");
  expect(await health.json()).toMatchObject({ status: "ok", db: "ok", busy: false });
});
