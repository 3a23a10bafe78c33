/** Send test (issue 16): one message through a channel now, logged like any other, its outcome returned. */
import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { ChannelKind } from "@/core/contracts/alert-channels";
import { testText } from "@/core/domain/notify-texts";
import { channelFor, type ChannelOwner } from "@/server/services/notify/channels";
import { enqueue, listDeliveries, runOutbox, type DeliveryView, type OutboxOptions } from "@/server/services/notify/outbox";

const MOBILE = /^\+?[1-9]\d{9,14}$/;
const ADDRESS: Record<ChannelKind, { valid: (to: string) => boolean; hint: string }> = {
  EMAIL: { valid: (to) => z.email().safeParse(to).success, hint: "give an email address such as dio@example.org" },
  SMS: { valid: (to) => MOBILE.test(to), hint: "give a mobile number with country code, such as +919876543210" },
  WHATSAPP: { valid: (to) => MOBILE.test(to), hint: "give a mobile number with country code, such as +919876543210" },
  TELEGRAM: { valid: (to) => /^-?\d{1,20}$/.test(to), hint: "give the chat id (digits) the bot has a chat with" },
};

export async function sendTest(
  db: Db,
  owner: ChannelOwner,
  input: { kind: ChannelKind; to: string },
  sender: { userId: number; language: "hi" | "en" },
  now: Date,
  opts: OutboxOptions = {},
): Promise<DeliveryView> {
  const to = input.to.trim();
  if (!ADDRESS[input.kind].valid(to)) throw new AppError("BAD_REQUEST", "testAddressInvalid", { to, kind: input.kind, hint: ADDRESS[input.kind].hint });
  const channel = await channelFor(db, owner, input.kind);
  if (!channel) throw new AppError("CONFLICT", "channelNotConfigured", { kind: input.kind });
  const dedupeKey = `test:${channel.id}:${randomUUID()}`;
  await enqueue(
    db,
    [{ stateId: owner.stateId, districtId: owner.districtId, channel: input.kind, channelId: channel.id, recipientUserId: sender.userId, toAddress: to, kind: "TEST", language: sender.language, text: testText(sender.language, input.kind), dedupeKey }],
    now,
  );
  const row = await db.alertDelivery.findUniqueOrThrow({ where: { dedupeKey }, select: { id: true } });
  // A test answers the person pressing the button now: one attempt, no retry later.
  await runOutbox(db, now, { ...opts, onlyIds: [row.id], maxAttempts: 1 });
  const [view] = (await listDeliveries(db, owner, 20)).filter((d) => d.id === row.id);
  return view!;
}
