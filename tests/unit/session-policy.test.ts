import { describe, expect, it } from "vitest";
import { SESSION_MAX_AGE_MS, idleMinutes, sessionPolicy, sessionVerdict, type SessionFacts } from "@/server/auth/session-policy";
import { DEFAULT_IDLE_MINUTES } from "@/server/config";

const signedIn = new Date("2021-06-23T03:30:00Z"); // 09:00 IST
const policy = sessionPolicy(undefined);
const IDLE = DEFAULT_IDLE_MINUTES * 60_000;
const after = (ms: number) => new Date(signedIn.getTime() + ms);
const open = (lastSeenAt = signedIn): SessionFacts => ({ createdAt: signedIn, lastSeenAt, endedAt: null, userDisabledAt: null });

describe("session validity", () => {
  it("ends a session unused for exactly the idle limit, not 1 ms before", () => {
    expect(sessionVerdict(open(), after(IDLE - 1), policy)).toEqual({ valid: true, touch: true });
    expect(sessionVerdict(open(), after(IDLE), policy)).toEqual({ valid: false, reason: "idle", endedAt: after(IDLE) });
  });

  it("measures idle from the last recorded use", () => {
    const seen = after(3 * 60 * 60_000);
    expect(sessionVerdict(open(seen), new Date(seen.getTime() + IDLE - 1), policy).valid).toBe(true);
    expect(sessionVerdict(open(seen), new Date(seen.getTime() + IDLE), policy)).toMatchObject({ valid: false, reason: "idle" });
  });

  it("ends a busy session exactly 12 hours after sign-in", () => {
    const busy = open(after(SESSION_MAX_AGE_MS - 60_000));
    expect(sessionVerdict(busy, after(SESSION_MAX_AGE_MS - 1), policy).valid).toBe(true);
    expect(sessionVerdict(busy, after(SESSION_MAX_AGE_MS), policy)).toEqual({ valid: false, reason: "expired", endedAt: after(SESSION_MAX_AGE_MS) });
  });

  it("names whichever limit came first when both have passed", () => {
    const lastUse = after(SESSION_MAX_AGE_MS - IDLE - 1);
    expect(sessionVerdict(open(lastUse), after(SESSION_MAX_AGE_MS + 1), policy)).toEqual({ valid: false, reason: "idle", endedAt: new Date(lastUse.getTime() + IDLE) });
    expect(sessionVerdict(open(after(SESSION_MAX_AGE_MS - 1)), after(SESSION_MAX_AGE_MS + IDLE), policy)).toMatchObject({ reason: "expired" });
  });

  it("records the last use once a minute: not at 59.999 s, at 60 s", () => {
    expect(sessionVerdict(open(), after(59_999), policy)).toEqual({ valid: true, touch: false });
    expect(sessionVerdict(open(), after(60_000), policy)).toEqual({ valid: true, touch: true });
    // A clock behind the recorded use (another instance's) neither ends nor touches the session.
    expect(sessionVerdict(open(after(60_000)), after(1_000), policy)).toEqual({ valid: true, touch: false });
  });

  it("refuses an ended session and a disabled user's session at once", () => {
    expect(sessionVerdict({ ...open(), endedAt: after(1) }, after(2), policy)).toEqual({ valid: false, reason: "ended" });
    expect(sessionVerdict({ ...open(), userDisabledAt: after(1) }, after(2), policy)).toEqual({ valid: false, reason: "disabled" });
  });
});

describe("TEEKA_SESSION_IDLE_MINUTES", () => {
  it("defaults to two hours and accepts whole minutes from 5 to 720", () => {
    expect(idleMinutes(undefined)).toBe(120);
    expect(idleMinutes(" ")).toBe(120);
    expect(idleMinutes("5")).toBe(5);
    expect(idleMinutes("720")).toBe(720);
    expect(sessionPolicy("30").idleMs).toBe(30 * 60_000);
  });
  it("refuses anything else with a message that names the setting", () => {
    for (const bad of ["4", "721", "90.5", "two hours", "-10"]) expect(() => idleMinutes(bad), bad).toThrow(/TEEKA_SESSION_IDLE_MINUTES must be a whole number of minutes from 5 to 720/);
  });
});
