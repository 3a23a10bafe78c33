/**
 * Delivers an alert (probe or block risk) to the configured webhook: the URL and every address it resolves to
 * must pass the probe URL checks, redirects are not followed, 3 attempts with backoff, and the outcome is
 * written onto the alert row.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import { resolvedAddressAllowed, validateTargetUrl } from "@/server/services/probes/target-url";

export type WebhookOptions = {
  timeoutMs?: number;
  backoffMs?: readonly number[];
  fetchImpl?: typeof fetch;
  /** Checked before each attempt: a stopping worker does not keep retrying. */
  stopped?: () => boolean;
};

/** One POST; null on a 2xx answer, else the reason. */
async function postOnce(url: URL, payload: unknown, opts: WebhookOptions): Promise<string | null> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  try {
    const dns = await resolvedAddressAllowed(url);
    if (!dns.ok) return `webhook URL refused: ${dns.reason}`;
    const res = await (opts.fetchImpl ?? fetch)(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "TeekaMonitor-alerts/1" },
      body: JSON.stringify(payload),
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    res.body?.cancel().catch(() => undefined);
    return res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}`;
  } catch (err) {
    if (err instanceof Error && err.name === "TimeoutError") return `timed out after ${timeoutMs} ms`;
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
    return `${err instanceof Error ? err.message : String(err)}${cause}`.slice(0, 300);
  }
}

/** Delivers `payload` for alert `alertId` and records SENT / FAILED on the row. Never throws. */
export async function deliverAlertWebhook(db: Db, alertId: number, rawUrl: string, payload: unknown, opts: WebhookOptions = {}): Promise<boolean> {
  const backoff = opts.backoffMs ?? [1000, 4000];
  let lastError: string | null = null;
  let attempts = 0;
  let sent = false;
  const verdict = validateTargetUrl(rawUrl);
  if (!verdict.ok) {
    lastError = `webhook URL refused: ${verdict.reason}`;
  } else {
    for (let attempt = 1; attempt <= 3 && !opts.stopped?.(); attempt++) {
      attempts = attempt;
      lastError = await postOnce(verdict.url, payload, opts);
      if (lastError === null) {
        sent = true;
        break;
      }
      const wait = backoff[attempt - 1];
      if (attempt < 3 && wait !== undefined) await new Promise((r) => setTimeout(r, wait));
    }
  }
  await db.alert
    .update({
      where: { id: alertId },
      data: { webhookStatus: sent ? "SENT" : "FAILED", webhookAttempts: attempts, webhookLastError: lastError, webhookSentAt: sent ? new Date() : null },
    })
    .catch(() => undefined);
  return sent;
}
