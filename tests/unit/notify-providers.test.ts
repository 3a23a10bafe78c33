import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { redact } from "@/server/services/notify/providers/provider";
import { fillTemplate, smsRequest } from "@/server/services/notify/providers/sms";
import { sendTelegram } from "@/server/services/notify/providers/telegram";
import { whatsAppBody } from "@/server/services/notify/providers/whatsapp";
import { ZSmsConfig } from "@/core/contracts/alert-channels";
import type { OutgoingMessage } from "@/server/services/notify/providers/provider";

const msg: OutgoingMessage = { to: "+919876543210", text: 'पीरपैंती: 202 "लंबित"\nठीक & 100%', subject: "s", language: "hi", kind: "DIGEST_BLOCK" };

describe("SMS gateway requests", () => {
  it("JSON body: values JSON-escaped (quotes, newlines), the DLT fields filled, the key in its header", () => {
    const config = ZSmsConfig.parse({ url: "https://sms.example/send", method: "POST", authHeader: "x-api-key", bodyTemplate: '{"to":"{to}","text":"{text}","pe":"{entityId}","hdr":"{senderId}","tpl":"{templateId}"}', entityId: "1101", senderId: "TEEKAM", templateIds: { DIGEST_BLOCK: "1107" } });
    const req = smsRequest(config, "k3y", msg);
    expect(req.headers).toMatchObject({ "x-api-key": "k3y", "content-type": "application/json" });
    expect(JSON.parse(req.body!)).toEqual({ to: msg.to, text: msg.text, pe: "1101", hdr: "TEEKAM", tpl: "1107" });
  });

  it("form body and GET query: values URL-encoded", () => {
    const form = smsRequest(ZSmsConfig.parse({ url: "https://sms.example/send", method: "POST", bodyTemplate: "to={to}&msg={text}" }), null, msg);
    expect(new URLSearchParams(form.body).get("msg")).toBe(msg.text);
    expect(form.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const get = smsRequest(ZSmsConfig.parse({ url: "https://sms.example/send?v=2", method: "GET", bodyTemplate: "to={to}&msg={text}" }), null, msg);
    expect(new URL(get.url).searchParams.get("msg")).toBe(msg.text);
    expect(new URL(get.url).searchParams.get("v")).toBe("2");
  });

  it("only the known placeholders are filled", () => {
    expect(fillTemplate("{to} {other} {text}", { to: "1", text: "2" }, (v) => v)).toBe("1 {other} 2");
  });
});

describe("WhatsApp template body", () => {
  it("uses the kind's template or the default, the recipient's language and the number without +", () => {
    const config = { baseUrl: "https://graph.example", phoneNumberId: "1", defaultTemplate: "teeka_alert", templates: { DIGEST_BLOCK: "teeka_digest" } };
    expect(whatsAppBody(config, msg)).toMatchObject({ to: "919876543210", template: { name: "teeka_digest", language: { code: "hi" } } });
    expect(whatsAppBody(config, { ...msg, kind: "TEST" }).template.name).toBe("teeka_alert");
  });
});

describe("secrets in errors", () => {
  it("redact takes out the secret and its URL-encoded form", () => {
    expect(redact("GET /bot12:ab/x failed; token 12:ab; 12%3Aab", "12:ab")).toBe("GET /bot[secret]/x failed; token [secret]; [secret]");
  });

  let hanging: http.Server;
  let url: string;
  beforeAll(async () => {
    // Accepts and never answers: a provider that hangs.
    hanging = http.createServer(() => undefined);
    await new Promise<void>((r) => hanging.listen(0, "127.0.0.1", () => r()));
    url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    hanging.closeAllConnections();
    await new Promise<void>((r) => hanging.close(() => r()));
  });

  it("a provider that never answers: a retryable failure after the timeout, no token in the reason", async () => {
    const started = Date.now();
    const result = await sendTelegram({ baseUrl: url }, "999:never-answer-token", { ...msg, to: "1" }, { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result).toMatchObject({ ok: false, retry: true, error: "no answer within 0.3 s" });
  });
});
