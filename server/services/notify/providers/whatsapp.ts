/**
 * WhatsApp Business Cloud API template messages: `POST {base}/{phone-number-id}/messages` with a Bearer token and
 * {messaging_product: "whatsapp", recipient_type: "individual", to, type: "template", template: {name,
 * language: {code}, components: [{type: "body", parameters: [{type: "text", text}]}]}}. A business may start a
 * conversation only with an approved template; ours have one body parameter, the message. The API answers
 * {"messages": [{"id": "wamid…"}]} or {"error": {"message", "type", "code", "fbtrace_id"}}.
 */
import "server-only";
import type { WhatsAppConfig } from "@/core/contracts/alert-channels";
import { failure, isAnswer, providerRequest, retryableStatus, type OutgoingMessage, type ProviderOptions, type SendResult } from "@/server/services/notify/providers/provider";

type WhatsAppAnswer = { messages?: { id?: string }[]; error?: { message?: string; code?: number } };

/** WhatsApp wants the number with country code and no "+". */
export function whatsAppNumber(mobile: string): string {
  return mobile.replace(/^\+/, "");
}

export function whatsAppBody(config: WhatsAppConfig, msg: OutgoingMessage) {
  return {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to: whatsAppNumber(msg.to),
    type: "template",
    template: {
      name: config.templates[msg.kind] || config.defaultTemplate,
      language: { code: msg.language },
      components: [{ type: "body", parameters: [{ type: "text", text: msg.text }] }],
    },
  };
}

export async function sendWhatsApp(config: WhatsAppConfig, token: string | null, msg: OutgoingMessage, opts: ProviderOptions = {}): Promise<SendResult> {
  if (!token) return failure("WhatsApp access token is not set: set it in the channel's settings", null);
  const url = `${config.baseUrl.replace(/\/+$/, "")}/${config.phoneNumberId}/messages`;
  const answer = await providerRequest(
    url,
    { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(whatsAppBody(config, msg)) },
    token,
    opts,
  );
  if (!isAnswer(answer)) return answer;
  const json = (answer.json ?? {}) as WhatsAppAnswer;
  const id = json.messages?.[0]?.id;
  if (answer.status >= 200 && answer.status < 300 && id) return { ok: true, providerStatus: answer.status, providerMessageId: id };
  const reason = json.error?.message ?? (answer.body || `HTTP ${answer.status}`);
  return failure(`WhatsApp: ${reason}${json.error?.code ? ` (code ${json.error.code})` : ""}`, token, answer.status, retryableStatus(answer.status));
}
