/**
 * Who gets which message (issue 16), queued in the outbox:
 * - at each digest slot, each block supervisor a digest of their block (none when the block has nothing
 *   pending: a cleared backlog needs no reminder), and each DIO a district digest ranking the worst blocks;
 * - for each new block alert (at risk / back on track), the block's supervisors and the district's DIOs;
 * - for each new portal alert (down / recovered), the DIOs and state officers of the target's state;
 * - escalation: a block still at risk `afterMinutes` after its alert, whose pending count has not gone down since,
 *   goes to the district's DIOs (once per episode). There is no acknowledgement in the app yet: only the backlog
 *   moving stops it.
 * Every message goes in the recipient's language over each channel they chose that the district (or its state)
 * has; quiet hours hold back all but the critical one (the portal down). Dedupe keys name the recipient, the
 * slot or alert, and the channel.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import type { AlertGroup, ChannelKind, MessageKind } from "@/core/contracts/alert-channels";
import { blockDigestText, blockRiskText, districtDigestText, escalationText, portalText, type NotifyLang } from "@/core/domain/notify-texts";
import { dueDigestSlot } from "@/core/domain/digest-slots";
import { inQuietHours } from "@/core/domain/quiet-hours";
import { formatIst } from "@/core/time/ist";
import { getBacklogSummary } from "@/server/services/backlog/backlog-summary";
import { addressFor, channelsForGroup, contactsOf } from "@/server/services/notify/contacts";
import { channelFor, type ChannelRow } from "@/server/services/notify/channels";
import { enqueue, type NewDelivery } from "@/server/services/notify/outbox";
import type { Role } from "@/server/generated/prisma/enums";

const CRITICAL: ReadonlySet<MessageKind> = new Set(["PROBE_DOWN"]);
const GROUP: Record<MessageKind, AlertGroup> = {
  DIGEST_BLOCK: "digest",
  DIGEST_DISTRICT: "digest",
  BLOCK_AT_RISK: "blockRisk",
  BLOCK_BACK_ON_TRACK: "blockRisk",
  PROBE_DOWN: "portal",
  PROBE_RECOVERED: "portal",
  ESCALATION: "blockRisk",
  TEST: "digest",
};

type Recipient = { id: number; locale: string };
type Place = { stateId: number; districtId: number | null };

/** Looks a place's channels up once per run. */
function channelCache(db: Db) {
  const cache = new Map<string, Promise<ChannelRow | null>>();
  return (place: Place, kind: ChannelKind) => {
    const key = `${place.stateId}:${place.districtId}:${kind}`;
    if (!cache.has(key)) cache.set(key, channelFor(db, place, kind));
    return cache.get(key)!;
  };
}

/**
 * The rows for one message to some recipients: per recipient, each chosen channel with an address and a channel.
 * `text` is called once per language.
 */
async function messagesFor(
  db: Db,
  channels: ReturnType<typeof channelCache>,
  place: Place,
  recipients: readonly Recipient[],
  m: { kind: MessageKind; text: (lang: NotifyLang) => string; key: string; alertId?: number },
  now: Date,
): Promise<NewDelivery[]> {
  const contacts = await contactsOf(db, recipients);
  const out: NewDelivery[] = [];
  for (const r of recipients) {
    const contact = contacts.get(r.id)!;
    if (!CRITICAL.has(m.kind) && inQuietHours(now, contact.quietHours)) continue;
    for (const kind of channelsForGroup(contact, GROUP[m.kind])) {
      const channel = await channels(place, kind);
      const to = addressFor(contact, kind);
      if (!channel || !to) continue;
      out.push({
        stateId: place.stateId,
        districtId: place.districtId,
        channel: kind,
        channelId: channel.id,
        recipientUserId: r.id,
        toAddress: to,
        kind: m.kind,
        language: contact.language,
        text: m.text(contact.language),
        alertId: m.alertId ?? null,
        dedupeKey: `${m.key}:user:${r.id}:${kind}`,
      });
    }
  }
  return out;
}

function usersWhere(role: Role, place: { districtId?: number; stateId?: number; blockId?: number }) {
  return { role, disabledAt: null, ...place };
}

export type DigestOptions = { slots?: readonly number[]; windowMinutes?: number };

/** Queues the digests of the slot due at `now` (none between slots); returns how many rows are new. */
export async function queueDigests(db: Db, now: Date, opts: DigestOptions = {}): Promise<number> {
  const slot = dueDigestSlot(now, opts.slots, opts.windowMinutes);
  if (!slot) return 0;
  // An install with no channel computes no summaries.
  if ((await db.alertChannel.count({ where: { enabled: true } })) === 0) return 0;
  const channels = channelCache(db);
  const districts = await db.district.findMany({ where: { blocks: { some: {} } }, select: { id: true, stateId: true, name: true, nameHi: true }, orderBy: { id: "asc" } });
  let queued = 0;
  for (const d of districts) {
    const place = { stateId: d.stateId, districtId: d.id };
    const summary = await getBacklogSummary(db, { kind: "district", ...place }, now);
    const rows: NewDelivery[] = [];
    const supervisors = await db.user.findMany({ where: usersWhere("BLOCK_SUPERVISOR", { districtId: d.id }), select: { id: true, locale: true, blockId: true } });
    for (const b of summary.blocks) {
      if (b.pending === 0) continue; // nothing to remind of
      const staff = supervisors.filter((s) => s.blockId === b.blockId);
      if (staff.length === 0) continue;
      rows.push(...(await messagesFor(db, channels, place, staff, { kind: "DIGEST_BLOCK", text: (lang) => blockDigestText(lang, b), key: `digest:${slot.key}:block:${b.blockId}` }, now)));
    }
    if (summary.district.pending > 0) {
      const officers = await db.user.findMany({ where: usersWhere("DISTRICT_OFFICER", { districtId: d.id }), select: { id: true, locale: true } });
      const figures = { name: d.name, nameHi: d.nameHi, pending: summary.district.pending, overdue: summary.district.overdue };
      rows.push(...(await messagesFor(db, channels, place, officers, { kind: "DIGEST_DISTRICT", text: (lang) => districtDigestText(lang, figures, summary.blocks), key: `digest:${slot.key}:district:${d.id}` }, now)));
    }
    queued += await enqueue(db, rows, now);
  }
  return queued;
}

type BlockAlertPayload = { block?: { id?: number }; forecast?: { pending?: number; alreadyOverdue?: number } };
type ProbeAlertPayload = { target?: { name?: string }; incident?: { startedAt?: string } };

/** Queues the messages of alerts raised in the last `lookbackMinutes` (a rerun finds them queued already). */
export async function queueAlertMessages(db: Db, now: Date, lookbackMinutes = 60): Promise<number> {
  const alerts = await db.alert.findMany({ where: { createdAt: { gt: new Date(now.getTime() - lookbackMinutes * 60_000), lte: now } }, orderBy: { id: "asc" } });
  const channels = channelCache(db);
  let queued = 0;
  for (const a of alerts) {
    const key = `alert:${a.id}`;
    if ((a.kind === "BLOCK_AT_RISK" || a.kind === "BLOCK_BACK_ON_TRACK") && a.districtId !== null && a.blockId !== null) {
      const block = await db.block.findFirst({ where: { id: a.blockId, districtId: a.districtId }, select: { name: true, nameHi: true, district: { select: { stateId: true } } } });
      if (!block) continue;
      const p = (a.payload ?? {}) as BlockAlertPayload;
      const figures = { block: block.name, blockHi: block.nameHi, pending: p.forecast?.pending ?? 0, overdue: p.forecast?.alreadyOverdue ?? 0 };
      const place = { stateId: block.district.stateId, districtId: a.districtId };
      const recipients = await db.user.findMany({
        where: { disabledAt: null, districtId: a.districtId, OR: [{ role: "BLOCK_SUPERVISOR", blockId: a.blockId }, { role: "DISTRICT_OFFICER" }] },
        select: { id: true, locale: true },
      });
      const kind = a.kind;
      queued += await enqueue(db, await messagesFor(db, channels, place, recipients, { kind, text: (lang) => blockRiskText(lang, kind, figures), key, alertId: a.id }, now), now);
    } else if ((a.kind === "PROBE_DOWN" || a.kind === "PROBE_RECOVERED") && a.stateId !== null) {
      const p = (a.payload ?? {}) as ProbeAlertPayload;
      const since = p.incident?.startedAt ? formatIst(new Date(p.incident.startedAt), "dd MMM HH:mm") : formatIst(a.createdAt, "dd MMM HH:mm");
      const target = p.target?.name ?? "The portal";
      const kind = a.kind;
      // A state's alert reaches each district's officers through that district's channels (or the state's).
      const officers = await db.user.findMany({
        where: { disabledAt: null, OR: [{ role: "STATE_OFFICER", stateId: a.stateId }, { role: "DISTRICT_OFFICER", district: { stateId: a.stateId } }] },
        select: { id: true, locale: true, districtId: true },
      });
      for (const o of officers) {
        const place = { stateId: a.stateId, districtId: o.districtId };
        queued += await enqueue(db, await messagesFor(db, channels, place, [o], { kind, text: (lang) => portalText(lang, kind, target, since), key, alertId: a.id }, now), now);
      }
    }
  }
  return queued;
}

export const DEFAULT_ESCALATE_AFTER_MINUTES = 60;

/** Queues escalations to the DIO for at-risk episodes whose backlog has not moved (see the header). */
export async function queueEscalations(db: Db, now: Date, afterMinutes = DEFAULT_ESCALATE_AFTER_MINUTES): Promise<number> {
  const due = new Date(now.getTime() - afterMinutes * 60_000);
  // The open episodes: the latest block alert of each block is an at-risk one, raised at least N minutes ago (and
  // within a day: an older one has been seen in the digests since).
  const open = await db.$queryRaw<{ id: number; block_id: number; district_id: number; payload: unknown; created_at: Date }[]>`
    SELECT * FROM (
      SELECT DISTINCT ON (block_id) id, block_id, district_id, kind::text AS kind, payload, created_at FROM alerts
      WHERE kind IN ('BLOCK_AT_RISK', 'BLOCK_BACK_ON_TRACK') AND block_id IS NOT NULL AND district_id IS NOT NULL AND created_at <= ${now}::timestamp(3)
      ORDER BY block_id, id DESC) latest
    WHERE kind = 'BLOCK_AT_RISK' AND created_at <= ${due}::timestamp(3) AND created_at > ${new Date(now.getTime() - 86_400_000)}::timestamp(3)`;
  const channels = channelCache(db);
  let queued = 0;
  for (const a of open) {
    const block = await db.block.findFirst({ where: { id: a.block_id, districtId: a.district_id }, select: { name: true, nameHi: true, district: { select: { stateId: true } } } });
    if (!block) continue;
    const then = ((a.payload ?? {}) as BlockAlertPayload).forecast?.pending ?? 0;
    const place = { stateId: block.district.stateId, districtId: a.district_id };
    const pendingNow = (await getBacklogSummary(db, { kind: "district", ...place }, now, a.block_id)).blocks[0]?.pending ?? 0;
    if (pendingNow === 0 || pendingNow < then) continue; // the data is arriving: no need to escalate
    const officers = await db.user.findMany({ where: usersWhere("DISTRICT_OFFICER", { districtId: a.district_id }), select: { id: true, locale: true } });
    const figures = { block: block.name, blockHi: block.nameHi, minutes: Math.round((now.getTime() - a.created_at.getTime()) / 60_000), then, now: pendingNow };
    queued += await enqueue(db, await messagesFor(db, channels, place, officers, { kind: "ESCALATION", text: (lang) => escalationText(lang, figures), key: `escalate:${a.id}`, alertId: a.id }, now), now);
  }
  return queued;
}
