import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { callerFor, testDb } from "@/tests/helpers/callers";

const USERS = ["sup.pirpainti", "helpdesk"] as const;
const saved = new Map<string, string>();

beforeAll(async () => {
  for (const username of USERS) saved.set(username, (await testDb().user.findUniqueOrThrow({ where: { username } })).locale);
});

afterAll(async () => {
  for (const [username, locale] of saved) await testDb().user.update({ where: { username }, data: { locale } });
});

describe("the interface language is remembered per user", () => {
  it("round-trips through preferences.setLocale / getLocale and lands in users.locale", async () => {
    const sup = await callerFor("sup.pirpainti");
    expect(await sup.preferences.setLocale({ locale: "hi" })).toEqual({ locale: "hi" });
    expect(await sup.preferences.getLocale()).toEqual({ locale: "hi" });
    expect((await testDb().user.findUniqueOrThrow({ where: { username: "sup.pirpainti" } })).locale).toBe("hi");
    await sup.preferences.setLocale({ locale: "en" });
    expect(await sup.preferences.getLocale()).toEqual({ locale: "en" });
  });

  it("is each user's own: one user's choice does not change another's", async () => {
    await (await callerFor("sup.pirpainti")).preferences.setLocale({ locale: "hi" });
    expect(await (await callerFor("dio")).preferences.getLocale()).toEqual({ locale: saved.get("dio") ?? "en" });
  });

  it("is open to the helpdesk role (Hindi at the counter)", async () => {
    const helpdesk = await callerFor("helpdesk");
    expect(await helpdesk.preferences.setLocale({ locale: "hi" })).toEqual({ locale: "hi" });
    expect(await helpdesk.preferences.getLocale()).toEqual({ locale: "hi" });
  });

  it("refuses an unknown language and an anonymous caller", async () => {
    const sup = await callerFor("sup.pirpainti");
    await expect(sup.preferences.setLocale({ locale: "fr" as "en" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const anonymous = await callerFor(null);
    await expect(anonymous.preferences.setLocale({ locale: "hi" })).rejects.toBeInstanceOf(TRPCError);
    await expect(anonymous.preferences.getLocale()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
