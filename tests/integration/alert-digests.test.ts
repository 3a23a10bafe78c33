/**
 * Backlog digests and alert messages (issue 16) on the real database, sent to stand-ins of the Telegram Bot API and
 * an SMS gateway: at 09:00 IST each supervisor gets one digest in their language with the dashboard's figures, a
 * rerun sends nothing, a gateway that fails twice delivers on the third attempt, quiet hours hold digests back, and
 * a block alert reaches the block's supervisor once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockIdOf, callerFor, districtScope, testDb } from "@/tests/helpers/callers";
import { smsGatewayStandIn, telegramStandIn } from "@/tests/helpers/notify-stand-ins";
import { runAlertNotifications, type NotifyLog } from "@/server/jobs/alert-digests";
import { getBacklogSummary } from "@/server/services/backlog/backlog-summary";
import { blockDigestText } from "@/core/domain/notify-texts";
import { smsSegments } from "@/core/domain/sms-segments";

const BOT_TOKEN = "987654:digest-bot-token-secret";
const SMS_KEY = "digest-sms-key-secret";
const ist = (s: string) => new Date(`${s}+05:30`);
const NINE = ist("2021-06-23T09:00:00");

const lines: string[] = [];
const log: NotifyLog = {
  info: (o, m) => lines.push(JSON.stringify([o, m])),
  warn: (o, m) => lines.push(JSON.stringify([o, m])),
  error: (o, m) => lines.push(JSON.stringify([o, m])),
};
const run = (now: Date) => runAlertNotifications(testDb(), now, { log, outbox: { backoffMs: [1000, 1000] } });

let telegram: Awaited<ReturnType<typeof telegramStandIn>>;
let gateway: Awaited<ReturnType<typeof smsGatewayStandIn>>;
const createdAlerts: number[] = [];

async function clean() {
  await testDb().alertDelivery.deleteMany({});
  await testDb().alertChannel.deleteMany({});
  await testDb().userContact.deleteMany({});
}

const toChat = (chat: string) => telegram.seen.filter((r) => (r.json as { chat_id?: string }).chat_id === chat);

beforeAll(async () => {
  await clean();
  telegram = await telegramStandIn(BOT_TOKEN);
  gateway = await smsGatewayStandIn(SMS_KEY, [503, 503]);
  const dio = await callerFor("dio");
  await dio.channels.upsert({ kind: "TELEGRAM", config: { baseUrl: telegram.url }, secret: BOT_TOKEN, enabled: true });
  await dio.channels.upsert({
    kind: "SMS",
    config: { url: `${gateway.url}/v1/sms`, method: "POST", headers: {}, authHeader: "x-api-key", bodyTemplate: '{"to":"{to}","message":"{text}","dlt_template_id":"{templateId}"}', entityId: "1101", senderId: "TEEKAM", templateIds: { DIGEST_BLOCK: "1107001" } },
    secret: SMS_KEY,
    enabled: true,
  });
  await (await callerFor("sup.pirpainti")).contacts.updateMine({ mobile: "+919800000001", email: null, telegramChatId: "777", language: "hi", quietHours: null, channels: { digest: ["TELEGRAM"] } });
  await (await callerFor("sup.sultanganj")).contacts.updateMine({ mobile: "+919800000002", email: null, telegramChatId: null, language: "en", quietHours: null, channels: { digest: ["SMS"], blockRisk: [] } });
  await (await callerFor("dio")).contacts.updateMine({ mobile: null, email: null, telegramChatId: "888", language: "en", quietHours: null, channels: { digest: ["TELEGRAM"], blockRisk: [], portal: [] } });
});

afterAll(async () => {
  await clean();
  await testDb().alert.deleteMany({ where: { id: { in: createdAlerts } } });
  await Promise.all([telegram.close(), gateway.close()]);
});

describe("the 09:00 IST digest", () => {
  it("sends Pirpainti's supervisor one message in Hindi with the dashboard's figures", async () => {
    const outcome = await run(NINE);
    expect(outcome.digestsQueued).toBeGreaterThanOrEqual(3);
    const summary = await getBacklogSummary(testDb(), await districtScope(), NINE);
    const pirpainti = summary.blocks.find((b) => b.block === "Pirpainti")!;
    expect(pirpainti.pending).toBeGreaterThan(0);
    const messages = toChat("777");
    expect(messages).toHaveLength(1);
    const text = (messages[0]!.json as { text: string }).text;
    expect(text).toBe(blockDigestText("hi", pirpainti));
    expect(text).toBe(`पीरपैंती: ${pirpainti.pending} लंबित, ${pirpainti.overdue} समय-सीमा पार, अगले 6 घंटे में ${pirpainti.dueWithin6h} और`);
    expect(smsSegments(text)).toBeLessThanOrEqual(2);
  });

  it("sends the DIO a district digest ranking the worst blocks, within two SMS segments", async () => {
    const [digest] = toChat("888").map((r) => (r.json as { text: string }).text).filter((t) => t.startsWith("Bhagalpur:"));
    expect(digest).toMatch(/^Bhagalpur: \d+ pending, \d+ past the deadline\. Worst: /);
    expect(smsSegments(digest!)).toBeLessThanOrEqual(2);
    const summary = await getBacklogSummary(testDb(), await districtScope(), NINE);
    const worst = [...summary.blocks].sort((a, b) => b.overdue - a.overdue || b.pending - a.pending)[0]!;
    expect(digest).toContain(`Worst: ${worst.block} ${worst.pending} (${worst.overdue} late)`);
  });

  it("an SMS gateway that fails twice: the digest is delivered on the third attempt, three attempts logged", async () => {
    const sultanganj = await testDb().user.findUniqueOrThrow({ where: { username: "sup.sultanganj" } });
    const row = () => testDb().alertDelivery.findFirstOrThrow({ where: { recipientUserId: sultanganj.id, kind: "DIGEST_BLOCK" } });
    expect(await row()).toMatchObject({ status: "QUEUED", attempts: 1, providerStatus: 503, error: expect.stringContaining("gateway busy") });
    await run(new Date(NINE.getTime() + 500)); // before the backoff: nothing is retried yet
    expect((await row()).attempts).toBe(1);
    await run(new Date(NINE.getTime() + 1000));
    expect(await row()).toMatchObject({ status: "QUEUED", attempts: 2 });
    await run(new Date(NINE.getTime() + 2000));
    expect(await row()).toMatchObject({ status: "SENT", attempts: 3, providerStatus: 200, providerMessageId: "sms-3", error: null });
    expect(gateway.seen).toHaveLength(3);
    expect(gateway.seen[2]!.json).toEqual({ to: "+919800000002", message: (await row()).text, dlt_template_id: "1107001" });
  });

  it("a second run in the same slot sends nothing twice", async () => {
    const telegramBefore = telegram.seen.length;
    const again = await run(ist("2021-06-23T09:20:00"));
    expect(again.digestsQueued).toBe(0);
    expect(telegram.seen.length).toBe(telegramBefore);
    expect(gateway.seen).toHaveLength(3);
  });

  it("quiet hours hold a digest back; the next slot outside them sends it", async () => {
    await (await callerFor("sup.pirpainti")).contacts.updateMine({ mobile: "+919800000001", email: null, telegramChatId: "777", language: "hi", quietHours: { start: "13:00", end: "15:00" }, channels: { digest: ["TELEGRAM"] } });
    await run(ist("2021-06-23T14:00:00"));
    expect(toChat("777")).toHaveLength(1);
    await run(ist("2021-06-23T18:00:00"));
    expect(toChat("777")).toHaveLength(2);
  });
});

describe("block alerts", () => {
  it("a block at risk reaches its supervisor once, in Hindi, on each channel chosen", async () => {
    const blockId = await blockIdOf("Pirpainti");
    const { districtId } = await districtScope();
    const at = ist("2021-06-23T11:00:00");
    const alert = await testDb().alert.create({
      data: { kind: "BLOCK_AT_RISK", dedupeKey: `test:notify:${Date.now()}`, districtId, blockId, message: "Pirpainti is at risk", payload: { block: { id: blockId, name: "Pirpainti" }, forecast: { pending: 202, alreadyOverdue: 61 } }, createdAt: at },
    });
    createdAlerts.push(alert.id);
    const before = toChat("777").length;
    const first = await run(new Date(at.getTime() + 60_000));
    expect(first.alertsQueued).toBe(2); // Telegram and SMS: no group choice, so the defaults with an address
    const sent = toChat("777").slice(before);
    expect(sent.map((r) => (r.json as { text: string }).text)).toEqual(["पीरपैंती 48 घंटे की समय-सीमा से चूकने के जोखिम में: 202 लंबित, 61 समय-सीमा पार।"]);
    const again = await run(new Date(at.getTime() + 120_000));
    expect(again.alertsQueued).toBe(0);
    expect(toChat("777").length).toBe(before + 1);
  });

  it("still at risk an hour later with the backlog not moved: escalated to the DIO once; a block whose backlog went down is not", async () => {
    const { districtId } = await districtScope();
    const at = ist("2021-06-23T11:00:00");
    const later = ist("2021-06-23T12:05:00");
    await (await callerFor("dio")).contacts.updateMine({ mobile: null, email: null, telegramChatId: "888", language: "en", quietHours: null, channels: { digest: ["TELEGRAM"], blockRisk: ["TELEGRAM"], portal: [] } });
    const summary = await getBacklogSummary(testDb(), await districtScope(), later);
    const sultanganj = summary.blocks.find((b) => b.block === "Sultanganj")!;
    // Sultanganj's backlog was larger at its alert than it is now: it moved, so no escalation.
    const moved = await testDb().alert.create({
      data: { kind: "BLOCK_AT_RISK", dedupeKey: `test:notify:moved:${Date.now()}`, districtId, blockId: sultanganj.blockId, message: "Sultanganj is at risk", payload: { forecast: { pending: sultanganj.pending + 10, alreadyOverdue: 0 } }, createdAt: at },
    });
    createdAlerts.push(moved.id);
    const before = toChat("888").length;
    expect((await run(new Date(at.getTime() + 59 * 60_000))).escalationsQueued).toBe(0); // not yet an hour
    const first = await run(later);
    expect(first.escalationsQueued).toBe(1);
    // (The DIO also got the two at-risk alerts themselves, now that block-risk messages reach them.)
    const sent = toChat("888").slice(before).map((r) => (r.json as { text: string }).text).filter((t) => t.includes("after the at-risk alert"));
    const pirpainti = summary.blocks.find((b) => b.block === "Pirpainti")!;
    expect(sent).toEqual([`Pirpainti: 65 min after the at-risk alert the backlog has not moved (202 → ${pirpainti.pending}). Please call the block.`]);
    expect((await run(new Date(later.getTime() + 60_000))).escalationsQueued).toBe(0);
  });

  it("no secret appears in any log line", () => {
    expect(lines.length).toBeGreaterThan(0);
    for (const s of [BOT_TOKEN, SMS_KEY]) expect(lines.join("\n")).not.toContain(s);
  });
});
