/**
 * Email over SMTP with nodemailer: host, port, TLS from the first byte (`secure`, port 465) or STARTTLS when
 * offered, an optional login (the password is the channel's secret), and a sender address.
 */
import "server-only";
import nodemailer from "nodemailer";
import type { EmailConfig } from "@/core/contracts/alert-channels";
import { failure, DEFAULT_TIMEOUT_MS, type OutgoingMessage, type ProviderOptions, type SendResult } from "@/server/services/notify/providers/provider";

/** SMTP reply codes 4xx are temporary (try later), 5xx final; a connection failure is temporary. */
function retryable(err: { responseCode?: number; code?: string }): boolean {
  if (typeof err.responseCode === "number") return err.responseCode < 500;
  return err.code !== "EAUTH" && err.code !== "EENVELOPE";
}

export async function sendEmail(config: EmailConfig, password: string | null, msg: OutgoingMessage, opts: ProviderOptions = {}): Promise<SendResult> {
  if (config.user && !password) return failure("SMTP password is not set: set it in the channel's settings", null);
  const timeout = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.user ? { user: config.user, pass: password ?? "" } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  try {
    const info = await transport.sendMail({ from: config.from, to: msg.to, subject: msg.subject, text: msg.text, textEncoding: "base64" });
    const code = /^(\d{3})/.exec(info.response ?? "")?.[1];
    return { ok: true, providerStatus: code ? Number(code) : null, providerMessageId: info.messageId ?? null };
  } catch (error) {
    const err = error as Error & { responseCode?: number; code?: string; response?: string };
    return failure(`SMTP: ${err.response ?? err.message}`, password, err.responseCode ?? null, retryable(err));
  } finally {
    transport.close();
  }
}
