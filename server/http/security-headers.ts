/**
 * The security headers of every response (security review, finding 3). Pure: the request-time proxy
 * (proxy.ts) gives it the path, a fresh nonce, whether the app's configured URL is https and the origins the
 * in-browser field probe may reach; it returns the exact header values. The README's "Security → Headers"
 * section says why each header is there.
 */

import "server-only";
/** What a response is, for the headers it needs. */
export type ResponseKind =
  /** An HTML page (or next-auth's own pages under /api/auth): nonce-based CSP, never stored. */
  | "page"
  /** JSON, CSV, PDF, SSE: nothing in it may run or be embedded, never stored. */
  | "api"
  /** Content-hashed build output and the app icon: they keep Next's long cache and carry no personal data. */
  | "asset";

export type SecurityHeaderOptions = {
  kind: ResponseKind;
  /** The configured app URL (NEXTAUTH_URL) is https: HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** A fresh, unguessable value per request (see `isValidNonce`). Required for pages. */
  nonce: string;
  /** Origins (scheme://host[:port]) of the enabled probe targets, which the field probe fetches (no-cors). */
  probeOrigins: readonly string[];
  /** `next dev`: React needs eval for its debugging stacks, and the dev server injects <style> elements. */
  dev: boolean;
};

export type HeaderList = [name: string, value: string][];

/** Request header through which the proxy tells the page which probe origins its CSP allows. */
export const PROBE_ORIGINS_HEADER = "x-teeka-probe-origins";
/** Request header carrying the nonce to server components (e.g. a page's own <style> element). */
export const NONCE_HEADER = "x-nonce";

/** Device, sensor and payment features the app never uses: off for it and for anything it might embed. */
const PERMISSIONS_OFF = [
  "accelerometer",
  "bluetooth",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "serial",
  "usb",
] as const;

export const PERMISSIONS_POLICY = PERMISSIONS_OFF.map((feature) => `${feature}=()`).join(", ");

/** An API response is data: no script, style, frame or form of its own, and no page may frame it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const HSTS = "max-age=31536000; includeSubDomains";
const MAX_PROBE_ORIGINS = 20;

/** Paths whose responses are build assets (hashed names, long cache) rather than data. */
export function responseKindOf(pathname: string): ResponseKind {
  if (pathname.startsWith("/_next/static/") || pathname === "/icon.svg" || pathname === "/favicon.ico") return "asset";
  // next-auth renders HTML pages of its own (sign-out confirmation, errors) under /api/auth.
  if (pathname.startsWith("/api/auth/")) return "page";
  if (pathname === "/api" || pathname.startsWith("/api/") || pathname === "/metrics") return "api";
  return "page";
}

/** The configured app URL decides, not the request: behind a TLS-terminating proxy the request is plain http. */
export function isHttpsAppUrl(appUrl: string | undefined): boolean {
  if (!appUrl) return false;
  try {
    return new URL(appUrl).protocol === "https:";
  } catch {
    return false;
  }
}

/** base64 (or base64url) of at least 16 bytes: what a CSP nonce-source accepts and an attacker cannot guess. */
export function isValidNonce(nonce: string): boolean {
  return /^[A-Za-z0-9+/_-]{22,}={0,2}$/.test(nonce);
}

/**
 * The distinct http(s) origins of the given target URLs, sorted, at most 20 (a CSP header has to stay small).
 * Anything else (bad URL, other scheme) is left out: it could not be fetched by the probe anyway, and a
 * CSP source list must never carry text taken verbatim from the database.
 */
export function probeOriginsOf(urls: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const raw of urls) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      continue;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") continue;
    origins.add(url.origin);
  }
  return [...origins].sort().slice(0, MAX_PROBE_ORIGINS);
}

/** The page policy: scripts and <style> elements only with this request's nonce. */
export function pageContentSecurityPolicy(options: Omit<SecurityHeaderOptions, "kind">): string {
  const { nonce, dev, https } = options;
  if (!isValidNonce(nonce)) throw new Error("pageContentSecurityPolicy: the nonce must be base64 of at least 16 random bytes");
  // Re-checked here: an origin goes into a header verbatim, so it must be a plain scheme://host[:port].
  const probeOrigins = probeOriginsOf(options.probeOrigins);
  const directives: string[] = [
    "default-src 'self'",
    // 'strict-dynamic': the chunks Next's nonce'd bootstrap loads are trusted; 'self' only for CSP2 browsers.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // <style> elements need the nonce (production CSS comes as <link> from 'self'); the dev server injects
    // styles without one. A nonce makes browsers ignore 'unsafe-inline' in the same list, so dev omits it.
    // No 'unsafe-inline' for style="" attributes either: React and Recharts set style props through the DOM
    // (CSSOM), which CSP does not restrict, and no page renders a style attribute on the server (csp.spec
    // would catch one: the browser blocks it and reports the violation).
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    ["connect-src 'self'", ...probeOrigins].join(" "),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // The camp app's service worker (public/camp-sw.js): without this, worker-src falls back to script-src, whose
    // 'strict-dynamic' ignores 'self'.
    "worker-src 'self'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Every header for one response, in a fixed order. */
export function securityHeaders(options: SecurityHeaderOptions): HeaderList {
  const headers: HeaderList = [];
  if (options.kind === "page") headers.push(["Content-Security-Policy", pageContentSecurityPolicy(options)]);
  if (options.kind === "api") headers.push(["Content-Security-Policy", API_CSP]);
  headers.push(
    ["X-Frame-Options", "DENY"],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["Permissions-Policy", PERMISSIONS_POLICY],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    ["Cross-Origin-Resource-Policy", "same-origin"],
  );
  if (options.https) headers.push(["Strict-Transport-Security", HSTS]);
  // The proxy's value replaces the route's own; the event streams (/api/v1/events, tRPC's SSE) ask
  // intermediaries not to buffer or re-encode them (no-transform), so API responses keep that.
  if (options.kind === "page") headers.push(["Cache-Control", "no-store"]);
  if (options.kind === "api") headers.push(["Cache-Control", "no-store, no-transform"]);
  return headers;
}
