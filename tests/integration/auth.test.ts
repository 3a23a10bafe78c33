import { describe, expect, it } from "vitest";
import { signIn } from "@/server/services/sign-in";
import { userForApiToken, hashToken } from "@/server/services/api-tokens";
import { callerFor, testDb } from "../helpers/callers";
import { TEST_NOW } from "../helpers/test-clock";

describe("sign-in", () => {
  it("accepts the demo password and says the same thing for a wrong password or an unknown user", async () => {
    const ok = await signIn(testDb(), "dio", "demo-pass-2021", TEST_NOW);
    expect(ok.ok && ok.user.role).toBe("DISTRICT_OFFICER");
    expect(await signIn(testDb(), "sup.pirpainti", "wrong", TEST_NOW)).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(testDb(), "nobody", "wrong", TEST_NOW)).toEqual({ ok: false, reason: "invalid" });
  });

  it("slows down repeated failures, even for the right password, and recovers after the wait", async () => {
    const t = (s: number) => new Date(TEST_NOW.getTime() + s * 1000);
    for (let i = 0; i < 3; i++) expect((await signIn(testDb(), "op.pirpainti", "guess", t(i))).ok).toBe(false);
    const blocked = await signIn(testDb(), "op.pirpainti", "demo-pass-2021", t(3));
    expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
    const later = await signIn(testDb(), "op.pirpainti", "demo-pass-2021", t(10));
    expect(later.ok).toBe(true);
    expect(await testDb().loginThrottle.findUnique({ where: { key: "op.pirpainti" } })).toBeNull();
  });
});

describe("API tokens", () => {
  it("are created by the DIO, stored only as a hash, and stop working when revoked", async () => {
    const dio = await callerFor("dio");
    const { token, info } = await dio.apiTokens.create({ name: "Wall screen" });
    const row = await testDb().apiToken.findUniqueOrThrow({ where: { id: info.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect((await userForApiToken(testDb(), token, TEST_NOW))?.username).toBe("dio");
    await dio.apiTokens.revoke({ id: info.id });
    expect(await userForApiToken(testDb(), token, TEST_NOW)).toBeNull();
    expect(await userForApiToken(testDb(), "tm_not-a-real-token", TEST_NOW)).toBeNull();
  });

  it("refuse a too-short name with a message", async () => {
    const dio = await callerFor("dio");
    await expect(dio.apiTokens.create({ name: "x" })).rejects.toThrow(/at least 3 characters/);
  });
});
