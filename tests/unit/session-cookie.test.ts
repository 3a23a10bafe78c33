import { describe, expect, it } from "vitest";
import { parseCookieHeader, sessionCookieName, sessionTokenFrom } from "@/server/auth/session-cookie";

describe("reading the session cookie from a Cookie header", () => {
  it("parses pairs, keeps the first of a repeated name, decodes percent-escapes and drops quotes", () => {
    const jar = parseCookieHeader('a=1; b = two ; a=3; c="quoted"; d=%3D%20x; broken; =nameless');
    expect([...jar]).toEqual([
      ["a", "1"],
      ["b", "two"],
      ["c", "quoted"],
      ["d", "= x"],
    ]);
    expect(parseCookieHeader(null).size).toBe(0);
  });

  it("names the cookie as next-auth does: __Secure- on https", () => {
    expect(sessionCookieName(false)).toBe("next-auth.session-token");
    expect(sessionCookieName(true)).toBe("__Secure-next-auth.session-token");
  });

  it("joins chunks .0, .1, … in order, and only contiguous ones from .0", () => {
    const name = "next-auth.session-token";
    expect(sessionTokenFrom(new Map([[name, "whole"]]), name)).toBe("whole");
    expect(sessionTokenFrom(new Map([[`${name}.1`, "B"], [`${name}.0`, "A"], [`${name}.2`, "C"]]), name)).toBe("ABC");
    expect(sessionTokenFrom(new Map([[`${name}.0`, "A"], [`${name}.2`, "C"]]), name)).toBe("A");
    expect(sessionTokenFrom(new Map([[`${name}.1`, "B"]]), name)).toBeNull();
    expect(sessionTokenFrom(new Map([[`${name}-other`, "x"]]), name)).toBeNull();
  });
});
