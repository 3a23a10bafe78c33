/**
 * Runs before every request is routed (Next 16's "proxy", formerly middleware), so its headers reach every
 * response: pages, route handlers that return early (401/403/4xx), Next's own 404 and error pages, and
 * static assets. The values come from server/http/security-headers.ts; see the README's "Security" section.
 *
 * The page CSP carries a fresh nonce. Next reads it back from the request's Content-Security-Policy header
 * while rendering and puts it on its own scripts, so every page must render per request (the root layout
 * calls connection()).
 */
import { NextResponse, type NextRequest } from "next/server";
import { currentProbeOrigins } from "@/server/http/probe-origins";
import { environment } from "@/server/config";
import { NONCE_HEADER, PROBE_ORIGINS_HEADER, isHttpsAppUrl, responseKindOf, securityHeaders } from "@/server/http/security-headers";

/** The same header as server/api/district-focus.ts's DISTRICT_HEADER (not imported: that module is server-only). */
const PAGE_DISTRICT_HEADER = "x-teeka-district";

function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const kind = responseKindOf(request.nextUrl.pathname);
  const env = environment();
  const nonce = newNonce();
  const probeOrigins = kind === "page" ? await currentProbeOrigins() : [];
  const headers = securityHeaders({
    kind,
    nonce,
    probeOrigins,
    https: isHttpsAppUrl(env.NEXTAUTH_URL),
    dev: env.NODE_ENV === "development",
  });

  const requestHeaders = new Headers(request.headers);
  // Set (never taken from the client), so a request cannot choose its own nonce or probe origins.
  requestHeaders.delete(NONCE_HEADER);
  requestHeaders.delete(PROBE_ORIGINS_HEADER);
  requestHeaders.delete("content-security-policy");
  if (kind === "page") {
    const csp = headers.find(([name]) => name === "Content-Security-Policy")?.[1] ?? "";
    requestHeaders.set("content-security-policy", csp);
    requestHeaders.set(NONCE_HEADER, nonce);
    requestHeaders.set(PROBE_ORIGINS_HEADER, probeOrigins.join(" "));
    // A page under /districts/<slug>/… reads that district (the server caller narrows to it, as the browser's own
    // tRPC calls do with the same header); set from the URL only, so a page's district is always its address.
    requestHeaders.delete(PAGE_DISTRICT_HEADER);
    const district = /^\/districts\/([^/]+)/.exec(request.nextUrl.pathname)?.[1];
    if (district) requestHeaders.set(PAGE_DISTRICT_HEADER, decodeURIComponent(district).slice(0, 80));
  }

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of headers) response.headers.set(name, value);
  return response;
}
