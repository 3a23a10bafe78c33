import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { appRouter } from "@/server/api/root";
import { createCallerFactory, type Meta } from "@/server/api/trpc";
import { can } from "@/server/auth/policy";
import { englishText } from "@/server/errors/app-error";
import { scopeFor } from "@/server/auth/scope";
import { createApiToken } from "@/server/auth/api-tokens";
import { HELPDESK_RATE_LIMIT, searchPeople } from "@/server/services/helpdesk/helpdesk-search";
import { openPerson } from "@/server/services/helpdesk/helpdesk-person";
import { HELPDESK_TOKEN_TTL_MS, issuePersonToken } from "@/server/services/helpdesk/helpdesk-token";
import { transliterate } from "@/core/domain/name-match";
import { reconcilePortalRows } from "@/server/services/imports/portal-import";
import { blockIdOf, callerFor, loadUser, testDb } from "@/tests/helpers/callers";
import { withTestRuntime } from "@/tests/helpers/rest";
import { TEST_ID_HASH_KEY, TEST_NOW } from "@/tests/helpers/test-clock";
import { actorOf, fixtureRows, markDb, newPortalImport, streamOf, undoSince, type DbMarks } from "@/tests/integration/portal-test-db";

const db = () => testDb();
const STORY_MOBILE = "9431207755";
const STORY_NAME = "Ramesh Prasad Mandal";
let lookupMark = 0;

async function expectCode(promise: Promise<unknown>, code: TRPCError["code"], message?: RegExp | string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  if (message) expect((error as TRPCError).message).toMatch(message);
  return error as TRPCError;
}

const newLookups = async (userId?: number) =>
  db().helpdeskLookup.findMany({ where: { id: { gt: lookupMark }, ...(userId ? { userId } : {}) }, orderBy: { id: "asc" } });

const createCaller = createCallerFactory(appRouter);
async function callerAt(username: string, now: Date) {
  return createCaller({ db: db(), user: await loadUser(username), now: () => now });
}

beforeAll(async () => {
  lookupMark = (await db().helpdeskLookup.aggregate({ _max: { id: true } }))._max.id ?? 0;
});

afterAll(async () => {
  await db().helpdeskLookup.deleteMany({ where: { id: { gt: lookupMark } } });
  await db().apiToken.deleteMany({ where: { name: { startsWith: "helpdesk test " } } });
});

describe("the helpdesk role is denied everything but the lookup", () => {
  const table = (appRouter._def as unknown as { procedures: Record<string, { _def: { meta?: Meta } }> }).procedures;
  const procedures = Object.keys(table).sort();
  // The helpdesk may call what the policy grants it; which procedures those are is read off the router.
  const helpdeskMayCall = (path: string) => can({ role: "HELPDESK" }, table[path]!._def.meta?.capability ?? "api.use");

  it("enumerates the whole router", () => {
    expect(procedures.length).toBeGreaterThan(30);
    expect(procedures).toContain("records.markEntered");
    expect(procedures).toContain("helpdesk.search");
  });

  it("gets FORBIDDEN from every procedure outside the allow-list, before any input is read", async () => {
    const helpdesk = await callerFor("helpdesk");
    const outside = procedures.filter((p) => !helpdeskMayCall(p));
    // The allow-list, by name: the lookup, and what is one's own (language, contacts, the header's place and lag).
    const own = new Set(["me", "contacts.getMine", "contacts.updateMine", "replica.lag", "state.place"]);
    expect(outside.length).toBe(procedures.length - procedures.filter((p) => own.has(p) || (p.startsWith("helpdesk.") && p !== "helpdesk.listAccessLog") || p.startsWith("preferences.")).length);
    for (const procedurePath of outside) {
      const fn = procedurePath.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], helpdesk) as (input?: unknown) => Promise<unknown>;
      for (const input of [undefined, {}, { blockId: 1, page: 1, pageSize: 25, id: 1, ids: [1], items: [] }]) {
        const error = await expectCode(Promise.resolve().then(() => fn(input)), "FORBIDDEN");
        expect(error.message, procedurePath).toBe(englishText("helpdeskOnly"));
      }
    }
  });

  it("may ask who it is, but not read the access log", async () => {
    const helpdesk = await callerFor("helpdesk");
    const me = await helpdesk.me();
    expect(me).toMatchObject({ username: "helpdesk", role: "HELPDESK", displayName: "Helpdesk, District Health Office", scope: { kind: "none" } });
    await expectCode(helpdesk.helpdesk.listAccessLog({ page: 1 }), "FORBIDDEN");
  });

  it("keeps the empty scope everywhere outside the helpdesk service", async () => {
    expect(scopeFor(await loadUser("helpdesk"))).toEqual({ kind: "none" });
  });

  it("is refused by block users' roles too: the helpdesk router is for the helpdesk and the district officer", async () => {
    const sup = await callerFor("sup.sultanganj");
    await expectCode(sup.helpdesk.search({ kind: "mobile", mobile: STORY_MOBILE }), "FORBIDDEN");
    await expectCode(sup.helpdesk.getPerson({ token: "x" }), "FORBIDDEN");
    await expectCode((await callerFor(null)).helpdesk.search({ kind: "mobile", mobile: STORY_MOBILE }), "UNAUTHORIZED");
  });
});

describe("REST for a helpdesk bearer token", () => {
  const PUBLIC_ROUTES = new Set(["openapi.json", "imports/register-template.csv"]);
  let token = "";

  beforeAll(async () => {
    process.env.DATABASE_URL = inject("databaseUrl");
    process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789";
    process.env.TEEKA_ID_HASH_KEY = TEST_ID_HASH_KEY;
    token = (await createApiToken(db(), (await loadUser("helpdesk")).id, "helpdesk test token")).token;
  });

  function routeFiles(dir: string, prefix = ""): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      if (entry.isDirectory()) return routeFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`);
      return entry.name === "route.ts" ? [prefix.replace(/\/$/, "")] : [];
    });
  }

  it("answers 403 on every /api/v1 route (backlog, records/status, block CSVs, imports, events ...)", async () => {
    const root = path.resolve(import.meta.dirname, "../../app/api/v1");
    const routes = routeFiles(root).filter((r) => !PUBLIC_ROUTES.has(r));
    expect(routes).toEqual(expect.arrayContaining(["backlog", "records/status", "blocks/[block]/records.csv", "blocks/[block]/camps.csv", "imports/register"]));
    let calls = 0;
    for (const route of routes) {
      const mod = (await import(path.join(root, route, "route.ts"))) as Record<string, unknown>;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        const handler = mod[method] as ((req: Request, ctx: unknown) => Promise<Response>) | undefined;
        if (!handler) continue;
        const url = `http://localhost/api/v1/${route.replace("[block]", "sultanganj").replace("[id]", "1")}`;
        const body = method === "GET" ? undefined : JSON.stringify({ items: [] });
        const req = new Request(url, { method, body, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } });
        const res = await withTestRuntime(() => handler(req, { params: Promise.resolve({ block: "sultanganj", id: "1" }) }));
        expect(res.status, `${method} ${route}`).toBe(403);
        expect((await res.json()).error).toMatch(/helpdesk/i);
        calls++;
      }
    }
    expect(calls).toBeGreaterThanOrEqual(routes.length);
  });
});

describe("search and open", () => {
  let marks: DbMarks;
  beforeAll(async () => {
    marks = await markDb(db(), ["Sultanganj"]);
  });
  afterAll(() => undoSince(db(), marks));

  it("finds the Sultanganj beneficiary by mobile and explains dose 2 (not on the portal, overdue, dose 1 only)", async () => {
    const helpdesk = await callerFor("helpdesk");
    const result = await helpdesk.helpdesk.search({ kind: "mobile", mobile: "+91 94312 07755" });
    expect(result.more).toBe(false);
    const person = result.people.find((p) => p.name === STORY_NAME);
    expect(person).toBeDefined();
    expect(person!.mobileMasked).toBe("••••••7755");
    expect(person!.idMasked).toMatch(/^Aadhaar XXXX XXXX \d{4}$/);
    expect(person!.blocks).toEqual(["Sultanganj"]);
    expect(person!.doses.map((d) => [d.dose, d.status])).toEqual([
      [1, "ENTERED"],
      [2, "PENDING"],
    ]);
    const dose2 = person!.doses[1]!;
    expect(dose2.state).toBe("overdue");
    expect(dose2.explanation.en).toContain("Dose 2 (Covaxin) given on 16 June at Sultanganj PHC camp");
    expect(dose2.explanation.en).toContain("not yet on the portal; waiting for 6 days; it is overdue");
    expect(dose2.explanation.en).toContain("The portal shows dose 1 only so far.");
    expect(dose2.explanation.hi).toContain("6 दिन से इंतज़ार है");
    expect(person!.doses[0]!.explanation.en).toContain("on the portal since");
    const json = JSON.stringify(result);
    expect(json).not.toContain(STORY_MOBILE);
    const record = await db().vaccinationRecord.findFirstOrThrow({ where: { beneficiaryName: STORY_NAME, dose: 2 } });
    expect(json).not.toContain(record.idHash);
    expect(json).not.toMatch(new RegExp(`"(recordId|id)":${record.id}\\b`));
  });

  it("explains the open dose-mismatch anomaly once the portal export has been reconciled", async () => {
    const dio = await loadUser("dio");
    const importId = await newPortalImport(db(), dio);
    await reconcilePortalRows(db(), actorOf(dio), streamOf(fixtureRows("dose-mismatch.csv")), { importId, now: TEST_NOW });
    const helpdesk = await callerFor("helpdesk");
    const result = await helpdesk.helpdesk.search({ kind: "mobile", mobile: STORY_MOBILE });
    const dose2 = result.people.find((p) => p.name === STORY_NAME)!.doses.find((d) => d.dose === 2)!;
    expect(dose2.state).toBe("anomaly");
    expect(dose2.explanation.en).toContain("The portal shows dose 1 only: an open anomaly.");
    expect(dose2.explanation.hi).toContain("पोर्टल पर केवल खुराक 1 दिख रही है: यह एक खुली विसंगति है।");
    await undoSince(db(), marks);
  });

  it("finds the same person by register serial, by ID last 4 + birth year, and by name in Devanagari", async () => {
    const record = await db().vaccinationRecord.findFirstOrThrow({ where: { beneficiaryName: STORY_NAME, dose: 2 } });
    const sultanganj = await blockIdOf("Sultanganj");
    const dio = await callerFor("dio");
    const bySerial = await dio.helpdesk.search({ kind: "serial", serial: record.registerSerial.toLowerCase(), blockId: sultanganj });
    expect(bySerial.people.map((p) => p.name)).toEqual([STORY_NAME]);
    const byId = await dio.helpdesk.search({ kind: "idLast4", idLast4: record.idLast4, birthYear: String(record.birthYear) });
    expect(byId.people.map((p) => p.name)).toContain(STORY_NAME);
    const byName = await dio.helpdesk.search({ kind: "name", name: "रमेश प्रसाद मंडल", blockId: sultanganj });
    expect(byName.people.map((p) => p.name)).toContain(STORY_NAME);
    const misspelt = await dio.helpdesk.search({ kind: "name", name: "Ramesh Parsad Mondal", blockId: sultanganj });
    expect(misspelt.people[0]?.name).toBe(STORY_NAME);
  });

  it("matches a name stored in Devanagari from its Latin spelling", async () => {
    const pirpainti = await blockIdOf("Pirpainti");
    const rows = await db().$queryRaw<{ beneficiary_name: string }[]>`
      SELECT beneficiary_name FROM vaccination_records WHERE block_id = ${pirpainti} AND beneficiary_name ~ '[ऀ-ॿ]' ORDER BY id LIMIT 1`;
    const devanagari = rows[0]!.beneficiary_name;
    const latin = transliterate(devanagari);
    expect(latin).toMatch(/^[a-z ]+$/);
    const result = await (await callerFor("dio")).helpdesk.search({ kind: "name", name: latin, blockId: pirpainti });
    expect(result.people.length).toBeGreaterThan(0);
    expect(result.people.length).toBeLessThanOrEqual(10);
  });

  it("caps the list at 10 people and says there are more", async () => {
    const result = await (await callerFor("dio")).helpdesk.search({ kind: "name", name: "Kumar", blockId: await blockIdOf("Pirpainti") });
    expect(result.people).toHaveLength(10);
    expect(result.more).toBe(true);
  });

  it("writes a masked SEARCH row for every search and an OPEN row for every person opened", async () => {
    const user = await loadUser("helpdesk");
    const before = (await newLookups(user.id)).length;
    const helpdesk = await callerFor("helpdesk");
    const found = await helpdesk.helpdesk.search({ kind: "mobile", mobile: STORY_MOBILE });
    const none = await helpdesk.helpdesk.search({ kind: "mobile", mobile: "6000000001" });
    expect(none.people).toEqual([]);
    const person = found.people.find((p) => p.name === STORY_NAME)!;
    const opened = await helpdesk.helpdesk.getPerson({ token: person.token });
    expect(opened.name).toBe(STORY_NAME);
    expect(opened.printedAt).toEqual(TEST_NOW);
    const rows = (await newLookups(user.id)).slice(before);
    expect(rows.map((r) => [r.action, r.searchKind, r.searchText, r.resultCount])).toEqual([
      ["SEARCH", "mobile", "mobile ••••••7755", found.people.length],
      ["SEARCH", "mobile", "mobile ••••••0001", 0],
      ["OPEN", null, null, null],
    ]);
    const latestDose = await db().vaccinationRecord.findFirstOrThrow({ where: { beneficiaryName: STORY_NAME, dose: 2 } });
    expect(rows[2]!.recordId).toBe(latestDose.id);
    expect(rows.every((r) => r.at.getTime() === TEST_NOW.getTime())).toBe(true);

    const log = await (await callerFor("dio")).helpdesk.listAccessLog({ page: 1, userId: user.id });
    expect(log.rows[0]).toMatchObject({ action: "OPEN", user: { username: "helpdesk" }, record: { id: latestDose.id, block: "Sultanganj", dose: 2 } });
    expect(log.users.map((u) => u.username)).toContain("helpdesk");
    expect(JSON.stringify(log)).not.toContain(STORY_MOBILE);
  });

  it("refuses empty, too short and malformed searches with a message, and logs nothing for them", async () => {
    const user = await loadUser("helpdesk");
    const before = (await newLookups(user.id)).length;
    const helpdesk = await callerFor("helpdesk");
    await expectCode(helpdesk.helpdesk.search({ kind: "mobile", mobile: "" }), "BAD_REQUEST", /Enter the mobile number/);
    await expectCode(helpdesk.helpdesk.search({ kind: "mobile", mobile: "12345 678" }), "BAD_REQUEST", /not a 10-digit Indian mobile number/);
    await expectCode(helpdesk.helpdesk.search({ kind: "mobile", mobile: "5431207755" }), "BAD_REQUEST", /starting with 6, 7, 8 or 9/);
    await expectCode(helpdesk.helpdesk.search({ kind: "name", name: "Ra", blockId: await blockIdOf("Sultanganj") }), "BAD_REQUEST", /at least 3 letters/);
    await expectCode(helpdesk.helpdesk.search({ kind: "name", name: "Ramesh", blockId: null }), "BAD_REQUEST", /needs a block/);
    await expectCode(helpdesk.helpdesk.search({ kind: "name", name: "Ramesh", blockId: 999_999 }), "BAD_REQUEST", /no such block/);
    await expectCode(helpdesk.helpdesk.search({ kind: "serial", serial: "  " }), "BAD_REQUEST", /register serial/);
    await expectCode(helpdesk.helpdesk.search({ kind: "idLast4", idLast4: "12", birthYear: "1969" }), "BAD_REQUEST", /last 4/);
    await expectCode(helpdesk.helpdesk.search({ kind: "idLast4", idLast4: "1234", birthYear: "69" }), "BAD_REQUEST", /4 digits/);
    expect((await newLookups(user.id)).length).toBe(before);
  });

  it("treats a forged, another user's or an expired token as not found", async () => {
    const helpdesk = await callerFor("helpdesk");
    const found = await helpdesk.helpdesk.search({ kind: "mobile", mobile: STORY_MOBILE });
    const token = found.people.find((p) => p.name === STORY_NAME)!.token;
    await expectCode((await callerFor("dio")).helpdesk.getPerson({ token }), "NOT_FOUND", /could not be found/);
    await expectCode(helpdesk.helpdesk.getPerson({ token: `${token.slice(0, -2)}AA` }), "NOT_FOUND", /could not be found/);
    const later = await callerAt("helpdesk", new Date(TEST_NOW.getTime() + HELPDESK_TOKEN_TTL_MS));
    await expectCode(later.helpdesk.getPerson({ token }), "NOT_FOUND", /expired/);
  });
});

describe("scope", () => {
  it("a block user's lookup outside their block looks exactly like not found", async () => {
    const sup = await loadUser("sup.pirpainti");
    const scope = scopeFor(sup);
    const outside = await searchPeople(db(), scope, sup.id, { kind: "mobile", mobile: STORY_MOBILE }, TEST_NOW);
    const missing = await searchPeople(db(), scope, sup.id, { kind: "mobile", mobile: "6000000002" }, TEST_NOW);
    expect({ ...outside, searchesLeft: 0 }).toEqual({ ...missing, searchesLeft: 0 });
    expect(outside.people).toEqual([]);
    const byName = await searchPeople(db(), scope, sup.id, { kind: "name", name: STORY_NAME, blockId: await blockIdOf("Sultanganj") }, TEST_NOW);
    expect(byName.people).toEqual([]);

    const record = await db().vaccinationRecord.findFirstOrThrow({ where: { beneficiaryName: STORY_NAME, dose: 2 } });
    const outOfScope = await openPerson(db(), scope, sup.id, issuePersonToken(record.id, sup.id, TEST_NOW), TEST_NOW).catch((e: unknown) => e);
    const nonexistent = await openPerson(db(), scope, sup.id, issuePersonToken(999_999_999, sup.id, TEST_NOW), TEST_NOW).catch((e: unknown) => e);
    expect(outOfScope).toMatchObject({ name: "AppError", code: "NOT_FOUND", key: "helpdeskPersonNotFound" });
    expect(nonexistent).toMatchObject({ name: "AppError", code: "NOT_FOUND", key: "helpdeskPersonNotFound" });
    expect((outOfScope as Error).message).toBe((nonexistent as Error).message);

    // The supervisor of the person's own block does see them.
    const own = await loadUser("sup.sultanganj");
    const inside = await searchPeople(db(), scopeFor(own), own.id, { kind: "mobile", mobile: STORY_MOBILE }, TEST_NOW);
    expect(inside.people.map((p) => p.name)).toContain(STORY_NAME);
  });
});

describe("rate limit", () => {
  it(`allows ${HELPDESK_RATE_LIMIT.searches} searches per ${HELPDESK_RATE_LIMIT.windowMs / 60_000} minutes, then says how long to wait`, async () => {
    const user = await loadUser("helpdesk");
    await db().helpdeskLookup.deleteMany({ where: { id: { gt: lookupMark }, userId: user.id } });
    const start = new Date(TEST_NOW.getTime() + 3_600_000);
    for (let i = 0; i < HELPDESK_RATE_LIMIT.searches; i++) {
      const caller = await callerAt("helpdesk", new Date(start.getTime() + i * 1000));
      const result = await caller.helpdesk.search({ kind: "mobile", mobile: "6000000003" });
      expect(result.searchesLeft).toBe(HELPDESK_RATE_LIMIT.searches - i - 1);
    }
    const twoMinutesLater = await callerAt("helpdesk", new Date(start.getTime() + 2 * 60_000));
    await expectCode(twoMinutesLater.helpdesk.search({ kind: "mobile", mobile: "6000000003" }), "TOO_MANY_REQUESTS", /Try again in 3 minutes\./);
    const justBefore = await callerAt("helpdesk", new Date(start.getTime() + HELPDESK_RATE_LIMIT.windowMs - 1));
    await expectCode(justBefore.helpdesk.search({ kind: "mobile", mobile: "6000000003" }), "TOO_MANY_REQUESTS", /Try again in 1 minute\./);
    expect(await db().helpdeskLookup.count({ where: { id: { gt: lookupMark }, userId: user.id } })).toBe(HELPDESK_RATE_LIMIT.searches);

    // The other user's limit is their own, and the window frees a search when the first one leaves it.
    await (await callerAt("dio", start)).helpdesk.search({ kind: "mobile", mobile: "6000000003" });
    const afterWindow = await callerAt("helpdesk", new Date(start.getTime() + HELPDESK_RATE_LIMIT.windowMs));
    expect((await afterWindow.helpdesk.search({ kind: "mobile", mobile: "6000000003" })).searchesLeft).toBe(0);
  });
});
