/**
 * SMS through an HTTP gateway (the Indian bulk-SMS gateways differ in shape, so the DIO describes it): URL,
 * method, headers, and a body template with {to}, {text}, and the DLT fields operators require — {entityId}
 * (the principal entity), {senderId} (the 6-character header) and {templateId} (the registered template of this
 * message kind). The gateway key is the secret, sent in `authHeader`. Values are JSON-escaped in a JSON body,
 * URL-encoded in a form body or a GET query.
 */
import "server-only";
import type { SmsConfig } from "@/core/contracts/alert-channels";
import { failure, isAnswer, providerRequest, retryableStatus, type OutgoingMessage, type ProviderOptions, type SendResult } from "@/server/services/notify/providers/provider";

type Escape = (value: string) => string;
const jsonEscape: Escape = (v) => JSON.stringify(v).slice(1, -1);

export function fillTemplate(template: string, values: Record<string, string>, escape: Escape): string {
  return template.replace(/\{(to|text|entityId|senderId|templateId)\}/g, (_, name: string) => escape(values[name] ?? ""));
}

function contentType(config: SmsConfig): string {
  const named = Object.entries(config.headers).find(([k]) => k.toLowerCase() === "content-type")?.[1];
  if (named) return named;
  return config.bodyTemplate.trimStart().startsWith("{") ? "application/json" : "application/x-www-form-urlencoded";
}

/** The request the gateway gets for `msg` (exported so the settings screen's test and the tests can show it). */
export function smsRequest(config: SmsConfig, secret: string | null, msg: OutgoingMessage): { url: string; method: string; headers: Record<string, string>; body?: string } {
  const values = { to: msg.to, text: msg.text, entityId: config.entityId, senderId: config.senderId, templateId: config.templateIds[msg.kind] ?? "" };
  const headers: Record<string, string> = { ...config.headers };
  if (config.authHeader && secret) headers[config.authHeader] = secret;
  if (config.method === "GET") {
    const query = fillTemplate(config.bodyTemplate, values, encodeURIComponent);
    return { url: `${config.url}${config.url.includes("?") ? "&" : "?"}${query}`, method: "GET", headers };
  }
  const type = contentType(config);
  headers["content-type"] = type;
  const body = fillTemplate(config.bodyTemplate, values, type.includes("json") ? jsonEscape : encodeURIComponent);
  return { url: config.url, method: "POST", headers, body };
}

type GatewayAnswer = { id?: unknown; messageId?: unknown; message_id?: unknown; request_id?: unknown; error?: unknown; message?: unknown };

function messageIdOf(json: unknown): string | null {
  const a = (json ?? {}) as GatewayAnswer;
  const id = a.messageId ?? a.message_id ?? a.id ?? a.request_id;
  return typeof id === "string" || typeof id === "number" ? String(id) : null;
}

export async function sendSms(config: SmsConfig, secret: string | null, msg: OutgoingMessage, opts: ProviderOptions = {}): Promise<SendResult> {
  if (config.authHeader && !secret) return failure("SMS gateway key is not set: set it in the channel's settings", null);
  const req = smsRequest(config, secret, msg);
  const answer = await providerRequest(req.url, { method: req.method, headers: req.headers, body: req.body }, secret, opts);
  if (!isAnswer(answer)) return answer;
  if (answer.status >= 200 && answer.status < 300) return { ok: true, providerStatus: answer.status, providerMessageId: messageIdOf(answer.json) };
  const a = (answer.json ?? {}) as GatewayAnswer;
  const reason = typeof a.error === "string" ? a.error : typeof a.message === "string" ? a.message : answer.body || `HTTP ${answer.status}`;
  return failure(`SMS gateway: HTTP ${answer.status}: ${reason}`, secret, answer.status, retryableStatus(answer.status));
}
