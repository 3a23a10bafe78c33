/**
 * How a user can be reached (issue 16). A user edits their own; a DIO sees who in the district can be reached and
 * how (numbers shown masked but for the last 4 digits: enough to tell two people apart, not a phone list).
 */
import "server-only";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { Scope } from "@/server/auth/scope";
import { ALERT_GROUPS, CHANNEL_KINDS, type AlertGroup, type ChannelKind, type ContactsInput } from "@/core/contracts/alert-channels";
import { clockText } from "@/core/domain/quiet-hours";
import { isLocale } from "@/core/format/locales";

export type Contact = {
  userId: number;
  mobile: string | null;
  email: string | null;
  telegramChatId: string | null;
  language: "hi" | "en";
  quietHours: { start: number; end: number } | null;
  channels: Partial<Record<AlertGroup, ChannelKind[]>>;
};

type ContactRow = { userId: number; mobile: string | null; email: string | null; telegramChatId: string | null; language: string; quietStart: number | null; quietEnd: number | null; channels: unknown };

function channelsOf(raw: unknown): Contact["channels"] {
  const out: Contact["channels"] = {};
  if (typeof raw !== "object" || raw === null) return out;
  for (const group of ALERT_GROUPS) {
    const list = (raw as Record<string, unknown>)[group];
    if (Array.isArray(list)) out[group] = list.filter((k): k is ChannelKind => (CHANNEL_KINDS as readonly string[]).includes(k as string));
  }
  return out;
}

export function contactOf(row: ContactRow | null, user: { id: number; locale: string }): Contact {
  const fallback = isLocale(user.locale) && user.locale === "hi" ? "hi" : "en";
  return {
    userId: user.id,
    mobile: row?.mobile ?? null,
    email: row?.email ?? null,
    telegramChatId: row?.telegramChatId ?? null,
    language: row?.language === "hi" || row?.language === "en" ? row.language : fallback,
    quietHours: row?.quietStart != null && row.quietEnd != null ? { start: row.quietStart, end: row.quietEnd } : null,
    channels: channelsOf(row?.channels),
  };
}

/** The address a contact has for a channel kind, or null. */
export function addressFor(contact: Contact, kind: ChannelKind): string | null {
  switch (kind) {
    case "EMAIL":
      return contact.email;
    case "SMS":
    case "WHATSAPP":
      return contact.mobile;
    case "TELEGRAM":
      return contact.telegramChatId;
  }
}

/**
 * By default a group goes to SMS, email and Telegram where the user has an address; WhatsApp only when chosen (a
 * mobile number would otherwise get every message twice).
 */
const DEFAULT_CHANNELS: readonly ChannelKind[] = ["SMS", "EMAIL", "TELEGRAM"];

/** The channels a group's messages go to: the user's choice, or the defaults they have an address for. */
export function channelsForGroup(contact: Contact, group: AlertGroup): ChannelKind[] {
  const chosen = contact.channels[group] ?? DEFAULT_CHANNELS;
  return chosen.filter((k) => addressFor(contact, k) !== null);
}

export async function contactsOf(db: Db, users: readonly { id: number; locale: string }[]): Promise<Map<number, Contact>> {
  const rows = await db.userContact.findMany({ where: { userId: { in: users.map((u) => u.id) } } });
  const byId = new Map(rows.map((r) => [r.userId, r]));
  return new Map(users.map((u) => [u.id, contactOf(byId.get(u.id) ?? null, u)]));
}

export type ContactView = Omit<Contact, "quietHours"> & { quietHours: { start: string; end: string } | null };

function viewOf(c: Contact): ContactView {
  return { ...c, quietHours: c.quietHours ? { start: clockText(c.quietHours.start), end: clockText(c.quietHours.end) } : null };
}

export async function getMyContacts(db: Db, userId: number): Promise<ContactView> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, locale: true } });
  return viewOf(contactOf(await db.userContact.findUnique({ where: { userId } }), user));
}

export async function updateMyContacts(db: Db, userId: number, input: ContactsInput, now: Date): Promise<ContactView> {
  const data = {
    mobile: input.mobile,
    email: input.email,
    telegramChatId: input.telegramChatId,
    language: input.language,
    quietStart: input.quietHours?.start ?? null,
    quietEnd: input.quietHours?.end ?? null,
    channels: input.channels,
    updatedAt: now,
  };
  await db.userContact.upsert({ where: { userId }, create: { userId, ...data }, update: data });
  return getMyContacts(db, userId);
}

function masked(value: string | null): string | null {
  if (value === null) return null;
  return value.length <= 4 ? value : `${"•".repeat(Math.min(6, value.length - 4))}${value.slice(-4)}`;
}

export type ReachableUser = {
  userId: number;
  displayName: string;
  role: string;
  block: string | null;
  language: "hi" | "en";
  mobile: string | null;
  email: string | null;
  telegram: boolean;
  quietHours: { start: string; end: string } | null;
  /** Per group, the channels that would reach this user now (empty: unreachable for that group). */
  reach: Record<AlertGroup, ChannelKind[]>;
};

/** Who in the district can be reached, and how; a district scope only. */
export async function listReachable(db: Db, scope: Scope): Promise<ReachableUser[]> {
  if (scope.kind !== "district") throw new AppError("FORBIDDEN", "notAllowed");
  const users = await db.user.findMany({
    where: { districtId: scope.districtId, disabledAt: null },
    select: { id: true, displayName: true, role: true, locale: true, block: { select: { name: true } } },
    orderBy: [{ role: "asc" }, { displayName: "asc" }],
  });
  const contacts = await contactsOf(db, users);
  return users.map((u) => {
    const c = contacts.get(u.id)!;
    const v = viewOf(c);
    return {
      userId: u.id,
      displayName: u.displayName,
      role: u.role,
      block: u.block?.name ?? null,
      language: c.language,
      mobile: masked(c.mobile),
      email: c.email ? c.email.replace(/^(.).*(@.*)$/, "$1•••$2") : null,
      telegram: c.telegramChatId !== null,
      quietHours: v.quietHours,
      reach: { digest: channelsForGroup(c, "digest"), blockRisk: channelsForGroup(c, "blockRisk"), portal: channelsForGroup(c, "portal") },
    };
  });
}
