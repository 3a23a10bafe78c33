import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createApiToken } from "@/server/auth/api-tokens";
import { backlogRoute } from "@/server/api/rest/routes/backlog";
import { callerFor, loadUser, testDb } from "@/tests/helpers/callers";
import { withTestRuntime } from "@/tests/helpers/rest";

const TOKEN = "district focus test";
const tokens: Record<string, string> = {};

beforeAll(async () => {
  for (const username of ["sio.bihar", "dio", "dio.banka"]) tokens[username] = (await createApiToken(testDb(), (await loadUser(username)).id, TOKEN)).token;
});
afterAll(() => testDb().apiToken.deleteMany({ where: { name: TOKEN } }));

const blocksOf = (summary: { blocks: { block: string }[] }) => summary.blocks.map((b) => b.block);
const banka = () => testDb().block.findMany({ where: { district: { name: "Banka" } }, orderBy: { name: "asc" } });
const bhagalpur = () => testDb().block.findMany({ where: { district: { name: "Bhagalpur" } }, orderBy: { name: "asc" } });

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  return p.then(
    () => null,
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  );
}

describe("a state officer's page on one district (X-Teeka-District)", () => {
  it("narrows every figure to that district, by slug or by id; without it the state's every district counts", async () => {
    const state = await (await callerFor("sio.bihar")).backlog.getSummary();
    const bankaBlocks = (await banka()).map((b) => b.name);
    const bhagalpurBlocks = (await bhagalpur()).map((b) => b.name);
    expect(blocksOf(state).sort()).toEqual([...bankaBlocks, ...bhagalpurBlocks].sort());

    const onBanka = await (await callerFor("sio.bihar", undefined, "banka")).backlog.getSummary();
    expect(blocksOf(onBanka)).toEqual(bankaBlocks);
    const bankaId = (await testDb().district.findFirstOrThrow({ where: { name: "Banka" } })).id;
    expect(blocksOf(await (await callerFor("sio.bihar", undefined, String(bankaId))).backlog.getSummary())).toEqual(bankaBlocks);
    // The district's figures are the district officer's own, to the record.
    expect(onBanka).toEqual(await (await callerFor("dio.banka")).backlog.getSummary());
    expect(state.district.pending).toBe(onBanka.district.pending + (await (await callerFor("dio")).backlog.getSummary()).district.pending);
  });

  it("reads another district like one that does not exist, and refuses a malformed name", async () => {
    expect(await codeOf((await callerFor("dio", undefined, "banka")).backlog.getSummary())).toBe("NOT_FOUND");
    expect(await codeOf((await callerFor("dio.banka", undefined, "bhagalpur")).backlog.getSummary())).toBe("NOT_FOUND");
    expect(await codeOf((await callerFor("sio.bihar", undefined, "atlantis")).backlog.getSummary())).toBe("NOT_FOUND");
    expect(await codeOf((await callerFor("sio.bihar", undefined, "banka;drop")).backlog.getSummary())).toBe("BAD_REQUEST");
    // A district user naming their own district changes nothing.
    expect(await (await callerFor("dio", undefined, "bhagalpur")).backlog.getSummary()).toEqual(await (await callerFor("dio")).backlog.getSummary());
  });
});

describe("?district= on the REST API", () => {
  const get = (as: string, query: string) =>
    withTestRuntime(() => backlogRoute.handle(new Request(`http://localhost/api/v1/backlog${query}`, { headers: { authorization: `Bearer ${tokens[as]}` } })));

  it("narrows a state officer's answer, 404s another district's, 400s a repeated or malformed one", async () => {
    const onBanka = await get("sio.bihar", "?district=banka");
    expect(onBanka.status).toBe(200);
    expect(((await onBanka.json()) as { blocks: { block: string }[] }).blocks.map((b) => b.block)).toEqual((await banka()).map((b) => b.name));
    expect((await get("dio", "?district=banka")).status).toBe(404);
    expect((await get("dio.banka", "?district=bhagalpur")).status).toBe(404);
    expect((await get("sio.bihar", "?district=banka&district=bhagalpur")).status).toBe(400);
    const malformed = await get("sio.bihar", "?district=%3Cb%3E");
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).key).toBe("districtRefInvalid");
  });
});
