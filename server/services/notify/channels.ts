/**
 * Alert channels (issue 16): a district's (set by its DIO) and a state's (set by the state officer, used by each
 * of its districts that has none of that kind). What is read back says whether a secret is set, never the secret.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { Scope } from "@/server/auth/scope";
import type { Role } from "@/server/generated/prisma/enums";
import {
  CHANNEL_KINDS,
  ZEmailConfig,
  ZSmsConfig,
  ZTelegramConfig,
  ZWhatsAppConfig,
  type ChannelConfig,
  type ChannelKind,
  type ChannelUpsert,
} from "@/core/contracts/alert-channels";
import { validateTargetUrl } from "@/server/services/probes/target-url";
import { openSecret, sealSecret } from "@/server/services/notify/secret-box";
import { sendEmail } from "@/server/services/notify/providers/email";
import { sendSms } from "@/server/services/notify/providers/sms";
import { sendTelegram } from "@/server/services/notify/providers/telegram";
import { sendWhatsApp } from "@/server/services/notify/providers/whatsapp";
import { failure, type OutgoingMessage, type ProviderOptions, type SendResult } from "@/server/services/notify/providers/provider";

/** Whose channels: a district's or a state's. */
export type ChannelOwner = { stateId: number; districtId: number | null };

/** The owner a user configures: the state officer the state's, a DIO their district's; anyone else none. */
export function channelOwnerOf(user: { role: Role }, scope: Scope): ChannelOwner {
  if (user.role === "STATE_OFFICER" && scope.kind !== "none") return { stateId: scope.stateId, districtId: null };
  if (user.role === "DISTRICT_OFFICER" && scope.kind === "district") return { stateId: scope.stateId, districtId: scope.districtId };
  throw new AppError("FORBIDDEN", "channelOwnerNone");
}

export type ChannelRow = { id: number; stateId: number | null; districtId: number | null; kind: ChannelKind; config: unknown; secretCiphertext: string | null; enabled: boolean; updatedAt: Date };

const ownerWhere = (o: ChannelOwner) => (o.districtId === null ? { stateId: o.stateId, districtId: null } : { districtId: o.districtId, stateId: null });

/** A stored config as the current schema reads it (defaults filled); null when it no longer parses. */
export function parseConfig(kind: ChannelKind, raw: unknown): ChannelConfig | null {
  const schema = { EMAIL: ZEmailConfig, SMS: ZSmsConfig, WHATSAPP: ZWhatsAppConfig, TELEGRAM: ZTelegramConfig }[kind];
  const parsed = schema.safeParse(raw);
  return parsed.success ? ({ kind, config: parsed.data } as ChannelConfig) : null;
}

export type ChannelView = {
  kind: ChannelKind;
  /** "own": this owner's; "state": the state's, used because the district has none; null: not set up. */
  source: "own" | "state" | null;
  enabled: boolean;
  config: ChannelConfig["config"] | null;
  secret: "set" | "not set";
  updatedAt: Date | null;
};

function view(row: ChannelRow | undefined, source: ChannelView["source"], kind: ChannelKind): ChannelView {
  if (!row) return { kind, source: null, enabled: false, config: null, secret: "not set", updatedAt: null };
  return { kind, source, enabled: row.enabled, config: parseConfig(kind, row.config)?.config ?? null, secret: row.secretCiphertext ? "set" : "not set", updatedAt: row.updatedAt };
}

/** Every kind, as this owner has it (a district also sees the state's channels it falls back to). */
export async function listChannels(db: Db, owner: ChannelOwner): Promise<ChannelView[]> {
  const own = await db.alertChannel.findMany({ where: ownerWhere(owner) });
  const state = owner.districtId === null ? [] : await db.alertChannel.findMany({ where: { stateId: owner.stateId, districtId: null } });
  return CHANNEL_KINDS.map((kind) => {
    const mine = own.find((c) => c.kind === kind);
    if (mine) return view(mine, "own", kind);
    const inherited = state.find((c) => c.kind === kind);
    return inherited ? view(inherited, "state", kind) : view(undefined, null, kind);
  });
}

function urlsOf(input: ChannelUpsert): string[] {
  switch (input.kind) {
    case "SMS":
      return [input.config.url];
    case "WHATSAPP":
    case "TELEGRAM":
      return [input.config.baseUrl];
    default:
      return [];
  }
}

export async function upsertChannel(db: Db, owner: ChannelOwner, input: ChannelUpsert, userId: number, now: Date): Promise<ChannelView> {
  for (const url of urlsOf(input)) {
    const verdict = validateTargetUrl(url);
    if (!verdict.ok) throw new AppError("BAD_REQUEST", "channelUrlRefused", { reason: verdict.reason });
  }
  const where = { ...ownerWhere(owner), kind: input.kind };
  const existing = await db.alertChannel.findFirst({ where });
  const secretCiphertext = input.secret === undefined ? (existing?.secretCiphertext ?? null) : input.secret === null ? null : sealSecret(input.secret);
  const data = { config: input.config, secretCiphertext, enabled: input.enabled, updatedAt: now, updatedBy: userId };
  const row = existing
    ? await db.alertChannel.update({ where: { id: existing.id }, data })
    : await db.alertChannel.create({ data: { ...where, ...data } });
  return view(row, "own", input.kind);
}

/** The channel of `kind` that reaches a district: its own when enabled, else the state's when enabled. */
export async function channelFor(db: Db, place: { stateId: number; districtId: number | null }, kind: ChannelKind): Promise<ChannelRow | null> {
  const rows = await db.alertChannel.findMany({
    where: { kind, enabled: true, OR: [{ stateId: place.stateId, districtId: null }, ...(place.districtId === null ? [] : [{ districtId: place.districtId, stateId: null }])] },
  });
  return rows.find((r) => r.districtId !== null) ?? rows.find((r) => r.districtId === null) ?? null;
}

/** Sends one message through a stored channel; never throws. */
export async function sendThrough(channel: ChannelRow, msg: OutgoingMessage, opts: ProviderOptions = {}): Promise<SendResult> {
  const parsed = parseConfig(channel.kind, channel.config);
  if (!parsed) return failure(`the ${channel.kind} channel's settings are incomplete: open Alert channels and save them again`, null);
  const secret = channel.secretCiphertext ? openSecret(channel.secretCiphertext) : null;
  if (channel.secretCiphertext && secret === null) return failure(`the ${channel.kind} channel's secret cannot be read (the secrets key changed): set it again`, null);
  switch (parsed.kind) {
    case "EMAIL":
      return sendEmail(parsed.config, secret, msg, opts);
    case "SMS":
      return sendSms(parsed.config, secret, msg, opts);
    case "WHATSAPP":
      return sendWhatsApp(parsed.config, secret, msg, opts);
    case "TELEGRAM":
      return sendTelegram(parsed.config, secret, msg, opts);
  }
}
