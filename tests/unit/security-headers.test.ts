import { describe, expect, it } from "vitest";
import {
  API_CSP,
  isHttpsAppUrl,
  isValidNonce,
  pageContentSecurityPolicy,
  probeOriginsOf,
  responseKindOf,
  securityHeaders,
  type SecurityHeaderOptions,
} from "@/server/http/security-headers";

const NONCE = "q0ZyQm9hZ2VyVGVzdE5vbmNl";
const base: SecurityHeaderOptions = { kind: "page", https: false, nonce: NONCE, probeOrigins: ["http://127.0.0.1:4010"], dev: false };
const PERMISSIONS =
  "accelerometer=(), bluetooth=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()";

const asObject = (options: SecurityHeaderOptions) => Object.fromEntries(securityHeaders(options));

describe("securityHeaders", () => {
  it("gives a page over http the nonce CSP, the frame/sniffing/referrer/permission headers and no-store, but no HSTS", () => {
    expect(asObject(base)).toEqual({
      "Content-Security-Policy":
        `default-src 'self'; script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'; style-src 'self' 'nonce-${NONCE}'; ` +
        "img-src 'self' data: blob:; font-src 'self'; connect-src 'self' http://127.0.0.1:4010; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; worker-src 'self'",
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Permissions-Policy": PERMISSIONS,
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": "no-store",
    });
  });

  it("adds HSTS and upgrade-insecure-requests only when the app URL is https", () => {
    const headers = asObject({ ...base, https: true });
    expect(headers["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(headers["Content-Security-Policy"]).toMatch(/; frame-ancestors 'none'; worker-src 'self'; upgrade-insecure-requests$/);
    expect(asObject(base)["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
    expect(asObject({ ...base, kind: "asset", https: true })["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
  });

  it("gives an API response a CSP that allows nothing, and no-store that keeps event streams unbuffered", () => {
    const headers = asObject({ ...base, kind: "api" });
    expect(headers["Content-Security-Policy"]).toBe(API_CSP);
    expect(API_CSP).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(headers["Cache-Control"]).toBe("no-store, no-transform");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
  });

  it("leaves hashed assets their long cache and gives them no CSP", () => {
    const headers = asObject({ ...base, kind: "asset" });
    expect(headers["Cache-Control"]).toBeUndefined();
    expect(headers["Content-Security-Policy"]).toBeUndefined();
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
  });

  it("uses this request's nonce, so two requests never share one", () => {
    const other = "ZmFjZWJvb2tub25jZXRlc3Q0";
    const a = asObject(base)["Content-Security-Policy"];
    const b = asObject({ ...base, nonce: other })["Content-Security-Policy"];
    expect(a).toContain(`'nonce-${NONCE}'`);
    expect(b).toContain(`'nonce-${other}'`);
    expect(b).not.toContain(NONCE);
  });
});

describe("pageContentSecurityPolicy", () => {
  it("allows no inline style in production: <style> elements need the nonce, style attributes are not allowed", () => {
    const csp = pageContentSecurityPolicy(base);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("style-src-attr");
  });

  it("never allows inline script: no 'unsafe-inline' in script-src, in production nor in dev", () => {
    for (const dev of [false, true]) {
      const scriptSrc = pageContentSecurityPolicy({ ...base, dev }).split("; ").find((d) => d.startsWith("script-src "));
      expect(scriptSrc).toBeDefined();
      expect(scriptSrc).not.toContain("unsafe-inline");
      expect(scriptSrc).toContain(`'nonce-${NONCE}'`);
    }
  });

  it("in dev allows eval (React's error stacks) and the dev server's <style> elements", () => {
    const csp = pageContentSecurityPolicy({ ...base, dev: true });
    expect(csp).toContain(`script-src 'self' 'nonce-${NONCE}' 'strict-dynamic' 'unsafe-eval';`);
    expect(csp).toContain("style-src 'self' 'unsafe-inline';");
    expect(pageContentSecurityPolicy(base)).not.toContain("unsafe-eval");
  });

  it("lists no probe origin when there is none", () => {
    expect(pageContentSecurityPolicy({ ...base, probeOrigins: [] })).toContain("; connect-src 'self'; object-src 'none';");
  });

  it("refuses a nonce that is short or could break out of the header", () => {
    expect(() => pageContentSecurityPolicy({ ...base, nonce: "abc" })).toThrow(/nonce/);
    expect(() => pageContentSecurityPolicy({ ...base, nonce: `${NONCE}'; script-src *` })).toThrow(/nonce/);
  });

  it("re-checks the origins it is given, so nothing from the database lands in the header verbatim", () => {
    const csp = pageContentSecurityPolicy({ ...base, probeOrigins: ["https://portal.example.gov.in/x?y", "* 'unsafe-inline'"] });
    expect(csp).toContain("connect-src 'self' https://portal.example.gov.in;");
    expect(csp).not.toContain("*");
  });
});

describe("probeOriginsOf", () => {
  it("keeps distinct http(s) origins, sorted, without paths, queries or credentials", () => {
    expect(
      probeOriginsOf(["https://cowin.example.gov.in/api/v2/health?x=1", "http://127.0.0.1:4010/", "https://cowin.example.gov.in/other", "HTTPS://User:pw@Portal.Example.org:443/"]),
    ).toEqual(["http://127.0.0.1:4010", "https://cowin.example.gov.in", "https://portal.example.org"]);
  });

  it("drops what is not an http(s) URL, including attempts to add CSP sources", () => {
    expect(probeOriginsOf(["ftp://files.example.org/", "javascript:alert(1)", "not a url", "http://a.example; script-src *", "data:text/html,x"])).toEqual([]);
  });

  it("keeps at most 20", () => {
    const urls = Array.from({ length: 30 }, (_, i) => `https://p${String(i).padStart(2, "0")}.example.org/`);
    expect(probeOriginsOf(urls)).toHaveLength(20);
  });
});

describe("responseKindOf", () => {
  it.each([
    ["/", "page"],
    ["/blocks/pirpainti", "page"],
    ["/sign-in", "page"],
    ["/no-such-page", "page"],
    ["/api/auth/session", "page"],
    ["/api/auth/signout", "page"],
    ["/api/trpc/me", "api"],
    ["/api/v1/camps/totals.csv", "api"],
    ["/api/v1/events", "api"],
    ["/api/health", "api"],
    ["/api", "api"],
    ["/apiary", "page"],
    ["/_next/static/chunks/abc.js", "asset"],
    ["/icon.svg", "asset"],
  ] as const)("%s → %s", (path, kind) => {
    expect(responseKindOf(path)).toBe(kind);
  });
});

describe("isHttpsAppUrl / isValidNonce", () => {
  it("reads https from the configured app URL only", () => {
    expect(isHttpsAppUrl("https://teeka.example.gov.in")).toBe(true);
    expect(isHttpsAppUrl("http://localhost:3000")).toBe(false);
    expect(isHttpsAppUrl(undefined)).toBe(false);
    expect(isHttpsAppUrl("not a url")).toBe(false);
  });

  it("accepts base64 of 16+ bytes only", () => {
    expect(isValidNonce(Buffer.alloc(18, 7).toString("base64"))).toBe(true);
    expect(isValidNonce(Buffer.alloc(16, 7).toString("base64"))).toBe(true);
    expect(isValidNonce(Buffer.alloc(8, 7).toString("base64"))).toBe(false);
    expect(isValidNonce("abc def ghi jkl mno pqr stu")).toBe(false);
  });
});
