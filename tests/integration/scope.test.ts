import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { blockIdOf, callerFor } from "@/tests/helpers/callers";

async function expectCode(promise: Promise<unknown>, code: TRPCError["code"]) {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === code);
}

describe("a block supervisor outside their block", () => {
  it("finds no other block (an out-of-scope id reads like an unknown one), is refused DIO-only procedures, and gets nothing from the lists", async () => {
    const sup = await callerFor("sup.sultanganj");
    const pirpainti = await blockIdOf("Pirpainti");
    await expectCode(sup.backlog.getSummary({ blockId: pirpainti }), "NOT_FOUND");
    await expectCode(sup.backlog.listBlockCamps({ blockId: pirpainti }), "NOT_FOUND");
    await expectCode(sup.backlog.findPendingRecords({ blockId: pirpainti, page: 1, pageSize: 25, sort: "vaccinatedAt", direction: "asc" }), "NOT_FOUND");
    await expectCode(sup.blocks.getBySlug({ slug: "pirpainti" }), "NOT_FOUND");
    // The same answer, word for word, as for a block that does not exist: nothing maps ids or names to blocks.
    const message = (p: Promise<unknown>) => p.then(() => "", (e: Error) => e.message.replace(/\d+|"[^"]*"/g, "…"));
    expect(await message(sup.backlog.getSummary({ blockId: pirpainti }))).toBe(await message(sup.backlog.getSummary({ blockId: 2_000_000_000 })));
    expect(await message(sup.blocks.getBySlug({ slug: "pirpainti" }))).toBe(await message(sup.blocks.getBySlug({ slug: "atlantis" })));
    await expectCode(sup.apiTokens.list(), "FORBIDDEN");
    await expectCode(sup.apiTokens.create({ name: "sneaky" }), "FORBIDDEN");
    await expectCode(sup.apiTokens.revoke({ id: 1 }), "FORBIDDEN");

    const blocks = await sup.blocks.list();
    expect(blocks.map((b) => b.name)).toEqual(["Sultanganj"]);
    const summary = await sup.backlog.getSummary();
    expect(summary.blocks.map((b) => b.block)).toEqual(["Sultanganj"]);
  });

  it("applies to data operators as well", async () => {
    const op = await callerFor("op.pirpainti");
    await expectCode(op.backlog.getSummary({ blockId: await blockIdOf("Sultanganj") }), "NOT_FOUND");
    const own = await op.backlog.getSummary({ blockId: await blockIdOf("Pirpainti") });
    expect(own.blocks.map((b) => b.block)).toEqual(["Pirpainti"]);
  });
});

describe("anonymous callers", () => {
  it("get UNAUTHORIZED from every procedure", async () => {
    const anon = await callerFor(null);
    const pirpainti = await blockIdOf("Pirpainti");
    await expectCode(anon.me(), "UNAUTHORIZED");
    await expectCode(anon.backlog.getSummary(), "UNAUTHORIZED");
    await expectCode(anon.backlog.listBlockCamps({ blockId: pirpainti }), "UNAUTHORIZED");
    await expectCode(anon.backlog.findPendingRecords({ blockId: pirpainti, page: 1, pageSize: 25, sort: "vaccinatedAt", direction: "asc" }), "UNAUTHORIZED");
    await expectCode(anon.blocks.list(), "UNAUTHORIZED");
    await expectCode(anon.blocks.getBySlug({ slug: "pirpainti" }), "UNAUTHORIZED");
    await expectCode(anon.apiTokens.list(), "UNAUTHORIZED");
  });
});

describe("unknown and malformed input", () => {
  it("answers NOT_FOUND for a block that does not exist and BAD_REQUEST for bad paging", async () => {
    const dio = await callerFor("dio");
    await expectCode(dio.backlog.getSummary({ blockId: 999_999 }), "NOT_FOUND");
    await expectCode(dio.blocks.getBySlug({ slug: "atlantis" }), "NOT_FOUND");
    const pirpainti = await blockIdOf("Pirpainti");
    await expectCode(dio.backlog.findPendingRecords({ blockId: pirpainti, page: 0, pageSize: 25, sort: "vaccinatedAt", direction: "asc" }), "BAD_REQUEST");
    await expectCode(dio.backlog.findPendingRecords({ blockId: pirpainti, page: 1, pageSize: 5000, sort: "vaccinatedAt", direction: "asc" }), "BAD_REQUEST");
  });
});
