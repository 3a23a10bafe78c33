/**
 * One send through one provider. Providers never throw: every outcome is a result, and every text they return
 * (an error, a provider's answer) has the channel's secret taken out before anyone stores or logs it.
 */
import "server-only";
import type { MessageKind } from "@/core/contracts/alert-channels";
import { resolvedAddressAllowed, validateTargetUrl } from "@/server/services/probes/target-url";

export type OutgoingMessage = { to: string; text: string; subject: string; language: "hi" | "en"; kind: MessageKind };

export type SendResult =
  | { ok: true; providerStatus: number | null; providerMessageId: string | null }
  /** `retry`: worth trying again later (a 5xx, 429, a timeout, a refused connection); otherwise final. */
  | { ok: false; providerStatus: number | null; error: string; retry: boolean };

export type ProviderOptions = { timeoutMs?: number; fetchImpl?: typeof fetch };

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Every occurrence of the secret (and its URL-encoded form) replaced, and the text kept short. */
export function redact(text: string, secret: string | null, max = 500): string {
  let out = text;
  if (secret) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join("[secret]");
  }
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

export function failure(error: string, secret: string | null, providerStatus: number | null = null, retry = false): SendResult {
  return { ok: false, providerStatus, error: redact(error, secret), retry };
}

function networkReason(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && err.name === "TimeoutError") return `no answer within ${timeoutMs / 1000} s`;
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
  return `${err instanceof Error ? err.message : String(err)}${cause}`;
}

/** The answer to one HTTP request, or a result explaining why there is none. */
export type HttpAnswer = { status: number; body: string; json: unknown };

/**
 * One HTTP request to a provider: the URL must pass the same checks as a probe target (no metadata service, no
 * link-local), redirects are not followed (a redirect could carry the token elsewhere), the answer is read up
 * to 64 KB.
 */
export async function providerRequest(
  rawUrl: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  secret: string | null,
  opts: ProviderOptions,
): Promise<HttpAnswer | SendResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const verdict = validateTargetUrl(rawUrl);
  if (!verdict.ok) return failure(`provider URL refused: ${verdict.reason}`, secret);
  const dns = await resolvedAddressAllowed(verdict.url);
  if (!dns.ok) return failure(`provider URL refused: ${dns.reason}`, secret, null, true);
  try {
    const res = await (opts.fetchImpl ?? fetch)(verdict.url, { ...init, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.text()).slice(0, 65_536);
    let json: unknown = null;
    try {
      json = JSON.parse(body);
    } catch {
      json = null;
    }
    return { status: res.status, body, json };
  } catch (err) {
    return failure(networkReason(err, timeoutMs), secret, null, true);
  }
}

export function isAnswer(value: HttpAnswer | SendResult): value is HttpAnswer {
  return "status" in value;
}

/** A non-2xx answer worth retrying: the provider's trouble, not the request's. */
export function retryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408 || (status >= 300 && status < 400);
}
