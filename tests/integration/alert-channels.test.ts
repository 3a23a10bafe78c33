/**
 * Alert channels (issue 16) against stand-ins that speak each provider's protocol: the DIO configures Telegram,
 * WhatsApp, an SMS gateway and SMTP email, presses Send test, and reads the delivery log; secrets are write-only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, testDb } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";
import { mailText, smtpStandIn, startHttpStandIn, telegramStandIn, whatsAppStandIn } from "@/tests/helpers/notify-stand-ins";

const BOT_TOKEN = "123456:AAE-telegram-bot-token-secret";
const WA_TOKEN = "EAAG-whatsapp-access-token-secret";
const SMS_KEY = "sms-gateway-key-secret-77";
const SMTP_PASSWORD = "smtp-password-secret-42";
const SECRETS = [BOT_TOKEN, WA_TOKEN, SMS_KEY, SMTP_PASSWORD];

let telegram: Awaited<ReturnType<typeof telegramStandIn>>;
let whatsapp: Awaited<ReturnType<typeof whatsAppStandIn>>;
let smtp: Awaited<ReturnType<typeof smtpStandIn>>;
let echoingGateway: Awaited<ReturnType<typeof startHttpStandIn>>;
const answers: unknown[] = [];

async function clean() {
  await testDb().alertDelivery.deleteMany({});
  await testDb().alertChannel.deleteMany({});
  await testDb().userContact.deleteMany({});
}

beforeAll(async () => {
  await clean();
  telegram = await telegramStandIn(BOT_TOKEN);
  whatsapp = await whatsAppStandIn("1098765", WA_TOKEN);
  smtp = await smtpStandIn("alerts@bhagalpur.example", SMTP_PASSWORD);
  // A gateway that repeats the key it was sent in its error (some do): the log must not repeat it.
  echoingGateway = await startHttpStandIn((req) => ({ status: 403, body: { error: `key ${String(req.headers["x-api-key"])} is not allowed for DLT template` } }));
});

afterAll(async () => {
  await clean();
  await Promise.all([telegram.close(), whatsapp.close(), smtp.close(), echoingGateway.close()]);
});

describe("configuring channels", () => {
  it("the DIO sets up each kind; the answer says the secret is set and never shows it", async () => {
    const dio = await callerFor("dio");
    answers.push(await dio.channels.upsert({ kind: "TELEGRAM", config: { baseUrl: telegram.url }, secret: BOT_TOKEN, enabled: true }));
    answers.push(await dio.channels.upsert({ kind: "WHATSAPP", config: { baseUrl: whatsapp.url, phoneNumberId: "1098765", defaultTemplate: "teeka_alert", templates: {} }, secret: WA_TOKEN, enabled: true }));
    answers.push(
      await dio.channels.upsert({
        kind: "SMS",
        config: { url: `${echoingGateway.url}/send`, method: "POST", headers: {}, authHeader: "x-api-key", bodyTemplate: '{"to":"{to}","text":"{text}","pe_id":"{entityId}","sender":"{senderId}","template_id":"{templateId}"}', entityId: "1101", senderId: "TEEKAM", templateIds: { TEST: "1107" } },
        secret: SMS_KEY,
        enabled: true,
      }),
    );
    answers.push(await dio.channels.upsert({ kind: "EMAIL", config: { host: "127.0.0.1", port: smtp.port, secure: false, user: "alerts@bhagalpur.example", from: "alerts@bhagalpur.example" }, secret: SMTP_PASSWORD, enabled: true }));
    const list = await dio.channels.list();
    answers.push(list);
    expect(list.map((c) => [c.kind, c.source, c.secret])).toEqual([
      ["EMAIL", "own", "set"],
      ["SMS", "own", "set"],
      ["WHATSAPP", "own", "set"],
      ["TELEGRAM", "own", "set"],
    ]);
    // Stored encrypted: the column holds no plaintext.
    const rows = await testDb().alertChannel.findMany();
    for (const row of rows) for (const s of SECRETS) expect(JSON.stringify(row)).not.toContain(s);
  });

  it("saving again without a secret keeps the stored one", async () => {
    const dio = await callerFor("dio");
    const again = await dio.channels.upsert({ kind: "TELEGRAM", config: { baseUrl: telegram.url }, enabled: true });
    expect(again.secret).toBe("set");
  });

  it("is the DIO's and the state officer's only; another district sees the state's channels, not Bhagalpur's", async () => {
    await expect((await callerFor("sup.pirpainti")).channels.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect((await callerFor("helpdesk")).channels.upsert({ kind: "TELEGRAM", config: { baseUrl: telegram.url }, enabled: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const banka = await (await callerFor("dio.banka")).channels.list();
    expect(banka.every((c) => c.source === null)).toBe(true);
    const sio = await callerFor("sio.bihar");
    await sio.channels.upsert({ kind: "TELEGRAM", config: { baseUrl: telegram.url }, secret: BOT_TOKEN, enabled: true });
    const bankaNow = await (await callerFor("dio.banka")).channels.list();
    expect(bankaNow.find((c) => c.kind === "TELEGRAM")).toMatchObject({ source: "state", secret: "set" });
  });

  it("refuses a provider URL pointing at the cloud metadata service (400, with what to do)", async () => {
    const dio = await callerFor("dio");
    await expect(dio.channels.upsert({ kind: "TELEGRAM", config: { baseUrl: "http://169.254.169.254/latest" }, enabled: true })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("metadata") });
  });
});

describe("Send test and the delivery log", () => {
  it("Telegram: the Bot API gets POST /bot{token}/sendMessage {chat_id, text}; the log says SENT with the message id", async () => {
    const dio = await callerFor("dio");
    const before = telegram.seen.length;
    const sent = await dio.channels.sendTest({ kind: "TELEGRAM", to: "55501234" });
    answers.push(sent);
    expect(sent).toMatchObject({ status: "SENT", attempts: 1, providerStatus: 200, channel: "TELEGRAM", kind: "TEST" });
    expect(sent.providerMessageId).toMatch(/^\d+$/);
    const req = telegram.seen[before]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    expect(req.headers["content-type"]).toContain("application/json");
    expect(req.json).toEqual({ chat_id: "55501234", text: sent.text });
  });

  it("Telegram's error answer is FAILED with the provider's description in the log", async () => {
    const failed = await (await callerFor("dio")).channels.sendTest({ kind: "TELEGRAM", to: "0" });
    answers.push(failed);
    expect(failed).toMatchObject({ status: "FAILED", providerStatus: 400, error: "Telegram: Bad Request: chat not found" });
  });

  it("WhatsApp: a template message with the Bearer token, language and the text as its body parameter", async () => {
    const sent = await (await callerFor("dio")).channels.sendTest({ kind: "WHATSAPP", to: "+919876543210" });
    answers.push(sent);
    expect(sent).toMatchObject({ status: "SENT", providerMessageId: expect.stringMatching(/^wamid\./) });
    const req = whatsapp.seen.at(-1)!;
    expect(req.path).toBe("/1098765/messages");
    expect(req.headers.authorization).toBe(`Bearer ${WA_TOKEN}`);
    expect(req.json).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "919876543210",
      type: "template",
      template: { name: "teeka_alert", language: { code: "en" }, components: [{ type: "body", parameters: [{ type: "text", text: sent.text }] }] },
    });
    const refused = await (await callerFor("dio")).channels.sendTest({ kind: "WHATSAPP", to: "+910000000000" });
    expect(refused).toMatchObject({ status: "FAILED", providerStatus: 400, error: expect.stringContaining("Recipient phone number not in allowed list") });
  });

  it("email: a real SMTP exchange, logged in with the stored password, the text in the body", async () => {
    const sent = await (await callerFor("dio")).channels.sendTest({ kind: "EMAIL", to: "dio@bhagalpur.example" });
    answers.push(sent);
    expect(sent).toMatchObject({ status: "SENT", providerStatus: 250 });
    const mail = smtp.received.at(-1)!;
    expect(mail.user).toBe("alerts@bhagalpur.example");
    expect(mail.to).toEqual(["dio@bhagalpur.example"]);
    expect(mailText(mail.raw)).toContain(sent.text);
  });

  it("an SMS gateway that repeats the key in its error: FAILED, and the log shows [secret] instead of the key", async () => {
    const failed = await (await callerFor("dio")).channels.sendTest({ kind: "SMS", to: "+919876543210" });
    answers.push(failed);
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toContain("key [secret] is not allowed");
    const req = echoingGateway.seen.at(-1)!;
    expect(req.json).toEqual({ to: "+919876543210", text: failed.text, pe_id: "1101", sender: "TEEKAM", template_id: "1107" });
  });

  it("refuses an address that is not one for the channel, and a kind with no channel", async () => {
    const dio = await callerFor("dio");
    await expect(dio.channels.sendTest({ kind: "EMAIL", to: "not-an-address" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect((await callerFor("dio.banka")).channels.sendTest({ kind: "SMS", to: "+919876543210" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("the log is the owner's: Bhagalpur's DIO sees Bhagalpur's tests, Banka's DIO none of them", async () => {
    const log = await (await callerFor("dio")).channels.deliveries();
    answers.push(log);
    expect(log.length).toBeGreaterThanOrEqual(6);
    expect(log[0]!.id).toBeGreaterThan(log.at(-1)!.id);
    expect(await (await callerFor("dio.banka")).channels.deliveries()).toEqual([]);
  });

  it("no secret appears in any answer, stored delivery or error", async () => {
    const everything = JSON.stringify([answers, await testDb().alertDelivery.findMany()]);
    for (const s of SECRETS) expect(everything).not.toContain(s);
  });
});

describe("contacts", () => {
  it("a user edits their own; the DIO sees who in the district can be reached, numbers masked", async () => {
    const sup = await callerFor("sup.pirpainti");
    const mine = await sup.contacts.updateMine({ mobile: "+919812345678", email: null, telegramChatId: "777", language: "hi", quietHours: { start: "21:00", end: "07:00" }, channels: { digest: ["TELEGRAM"] } });
    expect(mine).toMatchObject({ mobile: "+919812345678", language: "hi", quietHours: { start: "21:00", end: "07:00" }, channels: { digest: ["TELEGRAM"] } });
    expect(await sup.contacts.getMine()).toEqual(mine);
    const reachable = await (await callerFor("dio")).contacts.listReachable();
    const row = reachable.find((r) => r.displayName.length > 0 && r.mobile?.endsWith("5678"));
    expect(row).toMatchObject({ mobile: "••••••5678", telegram: true, reach: { digest: ["TELEGRAM"], blockRisk: ["SMS", "TELEGRAM"] } });
    expect(JSON.stringify(reachable)).not.toContain("+919812345678");
    await expect(sup.contacts.listReachable()).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The state officer sees a district's people only when looking at one district.
    await expect((await callerFor("sio.bihar")).contacts.listReachable()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect((await callerFor("sio.bihar", TEST_NOW, "bhagalpur")).contacts.listReachable()).resolves.toBeTruthy();
  });

  it("refuses a malformed number and quiet hours that are not times", async () => {
    const sup = await callerFor("sup.pirpainti");
    await expect(sup.contacts.updateMine({ mobile: "12345", email: null, telegramChatId: null, language: "hi", quietHours: null, channels: {} })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(sup.contacts.updateMine({ mobile: null, email: null, telegramChatId: null, language: "hi", quietHours: { start: "25:00", end: "07:00" }, channels: {} })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
