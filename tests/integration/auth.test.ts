import { afterAll, describe, expect, it } from "vitest";
import { signIn } from "@/server/auth/sign-in";
import { signInRefusal, throttledCode } from "@/core/contracts/sign-in";
import { userForApiToken, hashToken } from "@/server/auth/api-tokens";
import { callerFor, testDb } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";

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

describe("sign-in throttling per source address", () => {
  const office = "203.0.113.7";
  const elsewhere = "203.0.113.8";
  const t = (s: number) => new Date(TEST_NOW.getTime() + s * 1000);
  const sprayed = Array.from({ length: 21 }, (_, i) => `spray.user.${i}`);
  afterAll(() =>
    testDb().loginThrottle.deleteMany({ where: { key: { in: [...sprayed, "spray.target", "username:invalid", `ip:${office}`, `ip:${elsewhere}`, "ip:198.51.100.9", ...[20, 21, 22, 23].map((n) => `ip:203.0.113.${n}`)] } } }),
  );

  it("slows one address trying one password against 21 usernames, and not a different address", async () => {
    for (const username of sprayed.slice(0, 20)) expect(await signIn(testDb(), username, "Welcome@123", TEST_NOW, office)).toEqual({ ok: false, reason: "invalid" });
    const blocked = await signIn(testDb(), sprayed[20]!, "Welcome@123", TEST_NOW, office);
    expect(blocked).toEqual({ ok: false, reason: "throttled", retryAfterMs: 2_000 });
    expect(signInRefusal(throttledCode(2_000))).toEqual({ kind: "throttled", seconds: 2 });
    // The address waits, whatever account it tries, even with the right password ...
    expect(await signIn(testDb(), "sup.sultanganj", "demo-pass-2021", t(1), office)).toMatchObject({ ok: false, reason: "throttled", retryAfterMs: 1_000 });
    // ... while the same account from another address signs in, and the office can go on after the wait.
    expect((await signIn(testDb(), "sup.sultanganj", "demo-pass-2021", t(1), elsewhere)).ok).toBe(true);
    expect((await signIn(testDb(), "sup.sultanganj", "demo-pass-2021", t(2), office)).ok).toBe(true);
  });

  it("keeps the address's count through a success there (a guesser cannot reset it with an account of their own)", async () => {
    const before = await testDb().loginThrottle.findUniqueOrThrow({ where: { key: `ip:${office}` } });
    expect((await signIn(testDb(), "sup.sultanganj", "demo-pass-2021", t(10), office)).ok).toBe(true);
    expect(await testDb().loginThrottle.findUniqueOrThrow({ where: { key: `ip:${office}` } })).toEqual(before);
  });

  it("still limits one username tried from many addresses", async () => {
    for (let i = 0; i < 3; i++) expect((await signIn(testDb(), "spray.target", "guess", TEST_NOW, `203.0.113.${20 + i}`)).ok).toBe(false);
    expect(await signIn(testDb(), "spray.target", "guess", TEST_NOW, "203.0.113.23")).toMatchObject({ reason: "throttled" });
  });

  it("does not let a typed username count against an address's bucket", async () => {
    await signIn(testDb(), `ip:${elsewhere}`, "guess", TEST_NOW, "198.51.100.9");
    expect(await testDb().loginThrottle.findUnique({ where: { key: `ip:${elsewhere}` } })).toBeNull();
    expect(await testDb().loginThrottle.findUnique({ where: { key: "username:invalid" } })).toMatchObject({ failures: 1 });
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
