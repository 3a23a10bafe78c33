import "server-only";
import { AppError } from "@/server/errors/app-error";
import { environment } from "@/server/config";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** What a state-changing request must look like to be accepted from a browser (the session cookie). */
export type BrowserWriteRule = "json" | "upload";

function configuredOrigin(): string | null {
  const url = environment().NEXTAUTH_URL;
  return url ? new URL(url).origin : null;
}

/**
 * Cross-site request forgery guard for requests that a browser authenticates with its session cookie. SameSite=Lax
 * already stops other sites, but not a page on another port of the same host or a sibling subdomain, so every
 * write must (1) come from this app's own origin — `Sec-Fetch-Site: same-origin`, or an `Origin` equal to the
 * configured URL or the host the request was sent to — and (2) be a request no HTML form can send: JSON, or an
 * upload with our own header (which needs a CORS preflight that nobody else passes). Bearer-token clients carry
 * no ambient credential and are not affected.
 */
export function assertBrowserWriteAllowed(req: Request, rule: BrowserWriteRule): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  if (site !== null && site !== "same-origin") throw new AppError("FORBIDDEN", "crossOrigin", { origin: origin ?? site });
  if (origin !== null) {
    const allowed = [new URL(req.url).origin, configuredOrigin()];
    if (!allowed.includes(origin)) throw new AppError("FORBIDDEN", "crossOrigin", { origin });
  } else if (site === null) {
    // Neither header: no current browser sends a write like that, so it is no browser (or a very old one).
    throw new AppError("FORBIDDEN", "crossOrigin", { origin: "unknown" });
  }
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (rule === "json" && !type.startsWith("application/json")) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "jsonRequired");
  if (rule === "upload" && !req.headers.get("x-file-name")) throw new AppError("BAD_REQUEST", "uploadHeaderRequired");
}
