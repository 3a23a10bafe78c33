/**
 * Telegram Bot API: `POST {base}/bot{token}/sendMessage` with {chat_id, text}. The API answers
 * {"ok": true, "result": {"message_id": …}} or {"ok": false, "error_code": 400, "description": "Bad Request: chat not found"}.
 */
import "server-only";
import type { TelegramConfig } from "@/core/contracts/alert-channels";
import { failure, isAnswer, providerRequest, retryableStatus, type OutgoingMessage, type ProviderOptions, type SendResult } from "@/server/services/notify/providers/provider";

type TelegramAnswer = { ok?: boolean; result?: { message_id?: number }; error_code?: number; description?: string };

export async function sendTelegram(config: TelegramConfig, token: string | null, msg: OutgoingMessage, opts: ProviderOptions = {}): Promise<SendResult> {
  if (!token) return failure("Telegram bot token is not set: set it in the channel's settings", null);
  const url = `${config.baseUrl.replace(/\/+$/, "")}/bot${token}/sendMessage`;
  const answer = await providerRequest(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ chat_id: msg.to, text: msg.text }) }, token, opts);
  if (!isAnswer(answer)) return answer;
  const json = (answer.json ?? {}) as TelegramAnswer;
  if (answer.status >= 200 && answer.status < 300 && json.ok === true) {
    return { ok: true, providerStatus: answer.status, providerMessageId: json.result?.message_id === undefined ? null : String(json.result.message_id) };
  }
  const reason = json.description ?? (answer.body || `HTTP ${answer.status}`);
  return failure(`Telegram: ${reason}`, token, json.error_code ?? answer.status, retryableStatus(answer.status));
}
