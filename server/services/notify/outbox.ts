/**
 * The outbox (issue 16): a message is a QUEUED row first (its dedupe key unique, so a rerun, a restart or a
 * second instance queues nothing twice), then one sender — the worker holding the lease — claims due rows with
 * FOR UPDATE SKIP LOCKED and sends them. A failure the provider may get over (5xx, 429, no answer) is retried
 * with backoff up to `maxAttempts`; a final one (4xx: a bad chat id, a refused template) is FAILED at once, with
 * the provider's answer in the log. A claimed row's next attempt is pushed `claimMs` ahead first, so a sender that
 * dies mid-send leaves it to be retried then, not lost.
 */
import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";
import type { ChannelKind, MessageKind } from "@/core/contracts/alert-channels";
import { subjectOf } from "@/core/domain/notify-texts";
import { sendThrough, type ChannelRow } from "@/server/services/notify/channels";
import type { ProviderOptions, SendResult } from "@/server/services/notify/providers/provider";

export type NewDelivery = {
  stateId: number | null;
  districtId: number | null;
  channel: ChannelKind;
  channelId: number;
  recipientUserId: number | null;
  toAddress: string;
  kind: MessageKind;
  language: "hi" | "en";
  text: string;
  alertId?: number | null;
  dedupeKey: string;
};

/** Queues what is not queued yet; returns how many rows are new. */
export async function enqueue(db: Db, items: readonly NewDelivery[], now: Date): Promise<number> {
  if (items.length === 0) return 0;
  const data = items.map((d) => ({
    // One owner per row (a check constraint): a district's message names its district only.
    stateId: d.districtId === null ? d.stateId : null,
    districtId: d.districtId,
    channel: d.channel,
    channelId: d.channelId,
    recipientUserId: d.recipientUserId,
    toAddress: d.toAddress,
    kind: d.kind,
    language: d.language,
    text: d.text,
    alertId: d.alertId ?? null,
    dedupeKey: d.dedupeKey,
    createdAt: now,
    nextAttemptAt: now,
  }));
  const { count } = await db.alertDelivery.createMany({ data, skipDuplicates: true });
  return count;
}

export type OutboxLog = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };

export type OutboxOptions = {
  log?: OutboxLog;
  /** Waits before the 2nd, 3rd … attempt. */
  backoffMs?: readonly number[];
  maxAttempts?: number;
  claimMs?: number;
  limit?: number;
  provider?: ProviderOptions;
  /** Only these rows (Send test sends its own row at once). */
  onlyIds?: readonly number[];
};

export const DEFAULT_BACKOFF_MS = [60_000, 5 * 60_000, 15 * 60_000] as const;
export const DEFAULT_MAX_ATTEMPTS = 3;

type Claimed = { id: number; channel_id: number | null; channel: ChannelKind; to_address: string; text: string; kind: MessageKind; language: "hi" | "en"; attempts: number };

export type OutboxOutcome = { sent: number; failed: number; retrying: number };

/** Sends every due QUEUED row (up to `limit`); channels are sent side by side, so one that hangs stalls no other. */
export async function runOutbox(db: Db, now: Date, opts: OutboxOptions = {}): Promise<OutboxOutcome> {
  const claimMs = opts.claimMs ?? 5 * 60_000;
  const only = opts.onlyIds ? Prisma.sql`AND id = ANY(${[...opts.onlyIds]}::int[])` : Prisma.empty;
  const claimed = await db.$queryRaw<Claimed[]>`
    UPDATE alert_deliveries SET attempts = attempts + 1, next_attempt_at = ${new Date(now.getTime() + claimMs)}::timestamp(3)
    WHERE id IN (
      SELECT id FROM alert_deliveries WHERE status = 'QUEUED' AND next_attempt_at <= ${now}::timestamp(3) ${only}
      ORDER BY next_attempt_at, id LIMIT ${opts.limit ?? 100} FOR UPDATE SKIP LOCKED)
    RETURNING id, channel_id, channel::text AS channel, to_address, text, kind::text AS kind, language, attempts`;
  const outcome: OutboxOutcome = { sent: 0, failed: 0, retrying: 0 };
  if (claimed.length === 0) return outcome;
  const channelIds = [...new Set(claimed.map((c) => c.channel_id).filter((id): id is number => id !== null))];
  const channels = new Map((await db.alertChannel.findMany({ where: { id: { in: channelIds } } })).map((c) => [c.id, c as ChannelRow]));
  const byChannel = new Map<number | null, Claimed[]>();
  for (const row of claimed) byChannel.set(row.channel_id, [...(byChannel.get(row.channel_id) ?? []), row]);
  await Promise.all(
    [...byChannel.entries()].map(async ([channelId, rows]) => {
      for (const row of rows) {
        const channel = channelId === null ? undefined : channels.get(channelId);
        const result: SendResult =
          channel && channel.enabled
            ? await sendThrough(channel, { to: row.to_address, text: row.text, subject: subjectOf(row.text), language: row.language, kind: row.kind }, opts.provider)
            : { ok: false, providerStatus: null, error: "the channel was removed or turned off before the message was sent", retry: false };
        await record(db, row, result, now, opts, outcome);
      }
    }),
  );
  return outcome;
}

async function record(db: Db, row: Claimed, result: SendResult, now: Date, opts: OutboxOptions, outcome: OutboxOutcome): Promise<void> {
  const log = { deliveryId: row.id, channel: row.channel, kind: row.kind, attempt: row.attempts };
  if (result.ok) {
    await db.alertDelivery.update({
      where: { id: row.id },
      data: { status: "SENT", sentAt: now, providerStatus: result.providerStatus, providerMessageId: result.providerMessageId, error: null },
    });
    outcome.sent++;
    opts.log?.info({ ...log, providerStatus: result.providerStatus }, "notify: message sent");
    return;
  }
  const max = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const backoff = opts.backoffMs ?? DEFAULT_BACKOFF_MS;
  const again = result.retry && row.attempts < max;
  const wait = backoff[Math.min(row.attempts - 1, backoff.length - 1)] ?? 60_000;
  await db.alertDelivery.update({
    where: { id: row.id },
    data: {
      status: again ? "QUEUED" : "FAILED",
      nextAttemptAt: again ? new Date(now.getTime() + wait) : now,
      providerStatus: result.providerStatus,
      error: result.error,
    },
  });
  if (again) outcome.retrying++;
  else outcome.failed++;
  opts.log?.warn({ ...log, providerStatus: result.providerStatus, error: result.error, final: !again }, again ? "notify: send failed; retrying later" : "notify: send failed");
}

export type DeliveryView = {
  id: number;
  createdAt: Date;
  sentAt: Date | null;
  channel: ChannelKind;
  kind: MessageKind;
  to: string;
  recipient: string | null;
  language: string;
  text: string;
  status: "QUEUED" | "SENT" | "FAILED" | "CANCELLED";
  attempts: number;
  providerStatus: number | null;
  providerMessageId: string | null;
  error: string | null;
};

/** The delivery log of an owner (a district's, or the state's own), newest first. */
export async function listDeliveries(db: Db, owner: { stateId: number; districtId: number | null }, limit = 100): Promise<DeliveryView[]> {
  const rows = await db.alertDelivery.findMany({
    where: owner.districtId === null ? { stateId: owner.stateId, districtId: null } : { districtId: owner.districtId },
    orderBy: { id: "desc" },
    take: limit,
  });
  const userIds = [...new Set(rows.map((r) => r.recipientUserId).filter((id): id is number => id !== null))];
  const names = new Map((await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    sentAt: r.sentAt,
    channel: r.channel,
    kind: r.kind,
    to: r.toAddress,
    recipient: r.recipientUserId === null ? null : (names.get(r.recipientUserId) ?? null),
    language: r.language,
    text: r.text,
    status: r.status,
    attempts: r.attempts,
    providerStatus: r.providerStatus,
    providerMessageId: r.providerMessageId,
    error: r.error,
  }));
}
