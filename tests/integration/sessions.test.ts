import { SIGN_IN_INVALID } from "@/core/contracts/sign-in";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { encode } from "next-auth/jwt";
import { userFromSessionCookie } from "@/server/auth/current-user";
import { endSession, startSession } from "@/server/auth/user-sessions";
import { sessionPolicy } from "@/server/auth/session-policy";
import { ZNewUser, saveUser, setUserDisabled } from "@/server/services/accounts/users";
import { createApiToken, userForApiToken } from "@/server/auth/api-tokens";
import { signIn } from "@/server/auth/sign-in";
import { testDb } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";
import { NextAuthBrowser } from "@/tests/helpers/next-auth-driver";

const SECRET = "integration-test-secret-0123456789";
const USERNAME = "dio.sessions.test";
const PASSWORD = "session-pass-1";
const MINUTE = 60_000;
const at = (ms: number) => new Date(TEST_NOW.getTime() + ms);
const policy = sessionPolicy(undefined); // the default: 120 idle minutes
let userId = 0;

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.NEXTAUTH_URL = "http://localhost:3000";
  const input = ZNewUser.parse({ username: USERNAME, displayName: "DIO sessions test", role: "DISTRICT_OFFICER", district: "Bhagalpur", password: PASSWORD });
  userId = (await saveUser(testDb(), input)).id;
});

afterAll(async () => {
  await testDb().user.deleteMany({ where: { username: USERNAME } });
  await testDb().loginThrottle.deleteMany({ where: { key: USERNAME } });
});

/** A request carrying a session cookie made the way next-auth makes it (an encrypted JWT holding the session id). */
async function requestWith(sid: string | undefined, cookieName = "next-auth.session-token", secret = SECRET): Promise<Request> {
  const token = await encode({ token: sid ? { sid, userId } : { userId }, secret, maxAge: 12 * 60 * 60 });
  return new Request("http://localhost:3000/api/v1/backlog", { headers: { cookie: `theme=dark; ${cookieName}=${token}` } });
}

const who = async (req: Request, now: Date) => (await userFromSessionCookie(testDb(), req, now, { policy }))?.username ?? null;

describe("a session cookie", () => {
  it("works while its session is open, and not once it is signed out (the same cookie, copied)", async () => {
    const sid = await startSession(testDb(), userId, TEST_NOW, "test agent");
    const copied = await requestWith(sid);
    expect(await who(copied, at(MINUTE))).toBe(USERNAME);
    expect(await endSession(testDb(), sid, "SIGN_OUT", at(2 * MINUTE))).toBe(true);
    expect(await who(copied, at(3 * MINUTE))).toBeNull();
    expect(await testDb().userSession.findUniqueOrThrow({ where: { id: sid } })).toMatchObject({ endReason: "SIGN_OUT", userAgent: "test agent" });
  });

  it("is refused without a session id (a cookie from before session records), forged, or missing", async () => {
    expect(await who(await requestWith(undefined), TEST_NOW)).toBeNull();
    const sid = await startSession(testDb(), userId, TEST_NOW);
    expect(await who(await requestWith(sid, "next-auth.session-token", "another-secret-0123456789abcdef"), TEST_NOW)).toBeNull();
    expect(await who(new Request("http://localhost:3000/"), TEST_NOW)).toBeNull();
    expect(await who(new Request("http://localhost:3000/", { headers: { cookie: "next-auth.session-token=garbage" } }), TEST_NOW)).toBeNull();
  });

  it("ends after the idle limit, exactly at it, and records why and when", async () => {
    const sid = await startSession(testDb(), userId, TEST_NOW);
    const req = await requestWith(sid);
    expect(await who(req, at(policy.idleMs - 1))).toBe(USERNAME);
    // That request wrote the last use (more than a minute after sign-in), so the idle clock restarted there.
    const seen = (await testDb().userSession.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt;
    expect(seen).toEqual(at(policy.idleMs - 1));
    expect(await who(req, new Date(seen.getTime() + policy.idleMs))).toBeNull();
    expect(await testDb().userSession.findUniqueOrThrow({ where: { id: sid } })).toMatchObject({ endReason: "IDLE", endedAt: new Date(seen.getTime() + policy.idleMs) });
    // Ended stays ended, even if asked again "before" the limit.
    expect(await who(req, at(policy.idleMs))).toBeNull();
  });

  it("records its last use at most once a minute", async () => {
    const sid = await startSession(testDb(), userId, TEST_NOW);
    const req = await requestWith(sid);
    const lastSeen = async () => (await testDb().userSession.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt;
    await who(req, at(MINUTE - 1));
    expect(await lastSeen()).toEqual(TEST_NOW);
    await who(req, at(MINUTE));
    expect(await lastSeen()).toEqual(at(MINUTE));
  });

  it("ends 12 hours after sign-in however busy it was", async () => {
    const sid = await startSession(testDb(), userId, TEST_NOW);
    const req = await requestWith(sid);
    for (let hour = 1; hour < 12; hour++) expect(await who(req, at(hour * 60 * MINUTE)), `hour ${hour}`).toBe(USERNAME);
    expect(await who(req, at(12 * 60 * MINUTE - 1))).toBe(USERNAME);
    expect(await who(req, at(12 * 60 * MINUTE))).toBeNull();
    expect((await testDb().userSession.findUniqueOrThrow({ where: { id: sid } })).endReason).toBe("EXPIRED");
  });

  it("is read from the __Secure- cookie on https and from chunked cookies (.0, .1)", async () => {
    const sid = await startSession(testDb(), userId, TEST_NOW);
    const secureReq = await requestWith(sid, "__Secure-next-auth.session-token");
    expect(await userFromSessionCookie(testDb(), secureReq, TEST_NOW, { policy, secure: true })).toMatchObject({ username: USERNAME });
    // On https the plain name is not the session cookie (anyone on http could have set it).
    expect(await userFromSessionCookie(testDb(), await requestWith(sid), TEST_NOW, { policy, secure: true })).toBeNull();
    const big = await encode({ token: { sid, userId, padding: "x".repeat(5000) }, secret: SECRET });
    const [a, b] = [big.slice(0, 3900), big.slice(3900)];
    const chunked = new Request("http://localhost:3000/", { headers: { cookie: `next-auth.session-token.1=${b}; next-auth.session-token.0=${a}` } });
    expect(await who(chunked, TEST_NOW)).toBe(USERNAME);
    const missingFirst = new Request("http://localhost:3000/", { headers: { cookie: `next-auth.session-token.1=${b}` } });
    expect(await who(missingFirst, TEST_NOW)).toBeNull();
  });
});

describe("disabling a user and changing a password", () => {
  it("disabling ends every session, refuses sign-in like a wrong password, and refuses API tokens", async () => {
    const sessions = [await startSession(testDb(), userId, TEST_NOW), await startSession(testDb(), userId, TEST_NOW)];
    const { token } = await createApiToken(testDb(), userId, "sessions test");
    expect((await userForApiToken(testDb(), token, TEST_NOW))?.username).toBe(USERNAME);

    const open = await testDb().userSession.count({ where: { userId, endedAt: null } });
    expect(open).toBeGreaterThanOrEqual(2);
    expect(await setUserDisabled(testDb(), USERNAME, true, at(MINUTE))).toEqual({ changed: true, endedSessions: open });
    for (const sid of sessions) expect(await who(await requestWith(sid), at(2 * MINUTE))).toBeNull();
    expect(await signIn(testDb(), USERNAME, PASSWORD, at(2 * MINUTE), "198.51.100.20")).toEqual({ ok: false, reason: "invalid" });
    expect(await userForApiToken(testDb(), token, at(2 * MINUTE))).toBeNull();
    // A session that would be created anyway (a sign-in racing the disable) is refused too.
    expect(await who(await requestWith(await startSession(testDb(), userId, at(2 * MINUTE))), at(3 * MINUTE))).toBeNull();

    expect(await setUserDisabled(testDb(), USERNAME, false, at(4 * MINUTE))).toEqual({ changed: true, endedSessions: 0 });
    expect(await who(await requestWith(sessions[0]), at(5 * MINUTE))).toBeNull(); // ended stays ended
    expect((await signIn(testDb(), USERNAME, PASSWORD, at(5 * MINUTE), "198.51.100.20")).ok).toBe(true);
    expect(await who(await requestWith(await startSession(testDb(), userId, at(5 * MINUTE))), at(6 * MINUTE))).toBe(USERNAME);
    expect((await userForApiToken(testDb(), token, at(6 * MINUTE)))?.username).toBe(USERNAME);
    await expect(setUserDisabled(testDb(), "nobody.here", true, TEST_NOW)).rejects.toThrow(/Unknown user "nobody.here"/);
    await testDb().loginThrottle.deleteMany({ where: { key: "ip:198.51.100.20" } });
  });

  it("a new password ends every session of the user, and only theirs", async () => {
    const mine = await startSession(testDb(), userId, TEST_NOW);
    const dio = await testDb().user.findUniqueOrThrow({ where: { username: "dio" } });
    const theirs = await startSession(testDb(), dio.id, TEST_NOW);
    const input = ZNewUser.parse({ username: USERNAME, displayName: "DIO sessions test", role: "DISTRICT_OFFICER", district: "Bhagalpur", password: "another-pass-2" });
    expect((await saveUser(testDb(), input, true, at(MINUTE))).endedSessions).toBeGreaterThanOrEqual(1);
    expect(await who(await requestWith(mine), at(2 * MINUTE))).toBeNull();
    expect((await testDb().userSession.findUniqueOrThrow({ where: { id: mine } })).endReason).toBe("PASSWORD_CHANGED");
    expect(await who(await requestWith(theirs), at(2 * MINUTE))).toBe("dio");
    await saveUser(testDb(), { ...input, password: PASSWORD }, true, at(3 * MINUTE));
    await testDb().userSession.delete({ where: { id: theirs } });
  });
});

// On the real clock: next-auth signs the cookie in and makes the session record by the real clock (its JWT
// expiry is checked against it too), so the checks here use the same clock, not TEST_NOW.
describe("the app's next-auth configuration", () => {
  it("creates a session record at sign-in and ends it at POST /api/auth/signout (the sign-out button's request)", async () => {
    const browser = new NextAuthBrowser();
    const signedIn = await browser.signIn(USERNAME, PASSWORD);
    expect(signedIn.url).not.toMatch(/error/);
    const copied = new Request("http://localhost:3000/api/v1/backlog", { headers: { cookie: browser.cookieHeader() } });
    expect(await who(copied, new Date())).toBe(USERNAME);
    const open = await testDb().userSession.findMany({ where: { userId, endedAt: null, userAgent: "integration-test" } });
    expect(open).toHaveLength(1);

    const signedOut = await browser.signOut();
    expect(signedOut.url).toMatch(/\/sign-in$/);
    expect(browser.jar.has("next-auth.session-token")).toBe(false);
    expect(await who(copied, new Date())).toBeNull();
    expect(await testDb().userSession.findUniqueOrThrow({ where: { id: open[0]!.id } })).toMatchObject({ endReason: "SIGN_OUT" });
  });

  it("refuses a disabled user's sign-in with the wrong-password message", async () => {
    await setUserDisabled(testDb(), USERNAME, true, new Date());
    const browser = new NextAuthBrowser();
    const result = await browser.signIn(USERNAME, PASSWORD);
    // The same refusal code as a wrong password (the page says "Wrong username or password." in its language).
    expect(new URL(result.url).searchParams.get("error")).toBe(SIGN_IN_INVALID);
    expect(browser.jar.has("next-auth.session-token")).toBe(false);
    await setUserDisabled(testDb(), USERNAME, false, new Date());
    await testDb().loginThrottle.deleteMany({ where: { key: { in: [USERNAME, "ip:unknown"] } } });
  });
});
