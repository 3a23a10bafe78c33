import { afterAll, describe, expect, it } from "vitest";
import { ZNewUser, saveUser } from "@/server/services/accounts/users";
import { signIn } from "@/server/auth/sign-in";
import { testDb } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";

afterAll(() => testDb().user.deleteMany({ where: { username: { in: ["op.kharik.test", "sio.test", "dio.purnia.test"] } } }));

describe("creating accounts for a real database", () => {
  it("validates the input with clear messages", () => {
    const bad = ZNewUser.safeParse({ username: "A B", displayName: "x", role: "DATA_OPERATOR", password: "short" });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message).join(" | ");
    expect(messages).toMatch(/Usernames are/);
    expect(messages).toMatch(/at least 10/);
    expect(ZNewUser.safeParse({ username: "op.x", displayName: "Op", role: "DATA_OPERATOR", password: "long-enough-1" }).error?.issues[0]?.message).toMatch(/needs --district/);
    expect(ZNewUser.safeParse({ username: "op.x", displayName: "Op", role: "DATA_OPERATOR", district: "Bhagalpur", password: "long-enough-1" }).error?.issues[0]?.message).toMatch(/needs --block/);
    expect(ZNewUser.safeParse({ username: "sio.x", displayName: "SIO", role: "STATE_OFFICER", district: "Bhagalpur", password: "long-enough-1" }).error?.issues[0]?.message).toMatch(/belongs to a state/);
  });

  it("creates a block account that can sign in, refuses to overwrite it silently, and resets on request", async () => {
    const input = ZNewUser.parse({ username: "op.kharik.test", displayName: "Operator Kharik", role: "DATA_OPERATOR", district: "bhagalpur", block: "kharik", password: "first-password-1" });
    expect((await saveUser(testDb(), input)).created).toBe(true);
    const user = await testDb().user.findUniqueOrThrow({ where: { username: "op.kharik.test" }, include: { block: true } });
    expect(user.block?.name).toBe("Kharik");
    expect(user.districtId).toBe(user.block?.districtId);
    expect(user.passwordHash).not.toContain("first-password-1");
    expect((await signIn(testDb(), "op.kharik.test", "first-password-1", TEST_NOW)).ok).toBe(true);
    await expect(saveUser(testDb(), input)).rejects.toThrow(/--reset-password/);
    await saveUser(testDb(), { ...input, password: "second-password-2" }, true);
    expect((await signIn(testDb(), "op.kharik.test", "second-password-2", TEST_NOW)).ok).toBe(true);
    await expect(saveUser(testDb(), { ...input, username: "op.nowhere", block: "Atlantis" })).rejects.toThrow(/Unknown block/);
    // A block of another district is not one of this district's.
    await expect(saveUser(testDb(), { ...input, username: "op.nowhere", block: "Amarpur" })).rejects.toThrow(/Unknown block "Amarpur" in Bhagalpur/);
  });

  it("puts a state officer in a state, and refuses a district that is not set up yet", async () => {
    const sio = ZNewUser.parse({ username: "sio.test", displayName: "SIO test", role: "STATE_OFFICER", state: "bihar", password: "state-password-1" });
    expect((await saveUser(testDb(), sio)).created).toBe(true);
    const row = await testDb().user.findUniqueOrThrow({ where: { username: "sio.test" }, include: { state: true } });
    expect({ state: row.state?.name, districtId: row.districtId, blockId: row.blockId }).toEqual({ state: "Bihar", districtId: null, blockId: null });
    const purnia = ZNewUser.parse({ username: "dio.purnia.test", displayName: "DIO Purnia", role: "DISTRICT_OFFICER", district: "Purnia", password: "district-password-1" });
    await expect(saveUser(testDb(), purnia)).rejects.toThrow(/Purnia is not set up yet/);
    await expect(saveUser(testDb(), { ...purnia, district: "Gotham" })).rejects.toThrow(/Unknown district "Gotham" in Bihar/);
  });
});
