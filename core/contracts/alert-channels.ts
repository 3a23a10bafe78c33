/**
 * What a DIO (or the state officer) sets for each alert channel, and what a user sets about being reached
 * (issue 16). Provider settings only: the secret is a separate write-only field, never part of what is read back.
 */
import { z } from "zod";

export const CHANNEL_KINDS = ["EMAIL", "SMS", "WHATSAPP", "TELEGRAM"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** The groups a user picks channels for; each message kind belongs to one. */
export const ALERT_GROUPS = ["digest", "blockRisk", "portal"] as const;
export type AlertGroup = (typeof ALERT_GROUPS)[number];

export const MESSAGE_KINDS = ["DIGEST_BLOCK", "DIGEST_DISTRICT", "BLOCK_AT_RISK", "BLOCK_BACK_ON_TRACK", "PROBE_DOWN", "PROBE_RECOVERED", "ESCALATION", "TEST"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const required = (max: number) => text(max).min(1, "must not be empty");
const baseUrl = z.url({ message: "must be an http:// or https:// URL", protocol: /^https?$/ }).max(2048);
const ZPerKind = z.partialRecord(z.enum(MESSAGE_KINDS), text(100));

export const ZEmailConfig = z.object({
  host: required(253),
  port: z.number().int().min(1).max(65535),
  /** true: TLS from the first byte (port 465); false: plain, upgraded with STARTTLS when the server offers it. */
  secure: z.boolean(),
  user: text(254).optional(),
  from: z.email({ message: "must be an email address" }).max(254),
});

export const ZSmsConfig = z.object({
  url: baseUrl,
  method: z.enum(["POST", "GET"]),
  /** Extra request headers (no secrets: the gateway key goes in the secret, sent in `authHeader`). */
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "header names are letters, digits and -"), text(500)).default({}),
  authHeader: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "must be a header name such as Authorization").optional(),
  /** The body (POST) or query string (GET) with {to}, {text}, {entityId}, {senderId}, {templateId}. */
  bodyTemplate: required(2000),
  entityId: text(50).default(""),
  senderId: text(11).default(""),
  /** The DLT template id registered for each message kind. */
  templateIds: ZPerKind.default({}),
});

export const ZWhatsAppConfig = z.object({
  baseUrl: baseUrl.default("https://graph.facebook.com/v21.0"),
  phoneNumberId: z.string().regex(/^\d{1,30}$/, "must be the phone number id (digits)"),
  /** The approved template per message kind (one body parameter: the message); `defaultTemplate` for the rest. */
  defaultTemplate: required(100),
  templates: ZPerKind.default({}),
});

export const ZTelegramConfig = z.object({
  baseUrl: baseUrl.default("https://api.telegram.org"),
});

export const ZChannelUpsert = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("EMAIL"), config: ZEmailConfig }),
  z.object({ kind: z.literal("SMS"), config: ZSmsConfig }),
  z.object({ kind: z.literal("WHATSAPP"), config: ZWhatsAppConfig }),
  z.object({ kind: z.literal("TELEGRAM"), config: ZTelegramConfig }),
]).and(
  z.object({
    enabled: z.boolean().default(true),
    /** A new secret; omitted (or undefined) keeps the stored one, null removes it. */
    secret: z.string().min(1).max(4096).nullable().optional(),
  }),
);
export type ChannelUpsert = z.output<typeof ZChannelUpsert>;

export type EmailConfig = z.output<typeof ZEmailConfig>;
export type SmsConfig = z.output<typeof ZSmsConfig>;
export type WhatsAppConfig = z.output<typeof ZWhatsAppConfig>;
export type TelegramConfig = z.output<typeof ZTelegramConfig>;
export type ChannelConfig = { kind: "EMAIL"; config: EmailConfig } | { kind: "SMS"; config: SmsConfig } | { kind: "WHATSAPP"; config: WhatsAppConfig } | { kind: "TELEGRAM"; config: TelegramConfig };

export const ZSendTest = z.object({ kind: z.enum(CHANNEL_KINDS), to: required(254) });

/** HH:MM (IST) as minutes after midnight. */
export const ZClock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time such as 21:30")
  .transform((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5)));

export const ZContactsInput = z.object({
  mobile: z
    .string()
    .trim()
    .regex(/^\+?[1-9]\d{9,14}$/, "must be a mobile number with country code, such as +919876543210")
    .nullable(),
  email: z.email({ message: "must be an email address" }).max(254).nullable(),
  telegramChatId: z.string().trim().regex(/^-?\d{1,20}$/, "must be a Telegram chat id (digits)").nullable(),
  language: z.enum(["hi", "en"]),
  quietHours: z.object({ start: ZClock, end: ZClock }).nullable(),
  channels: z.partialRecord(z.enum(ALERT_GROUPS), z.array(z.enum(CHANNEL_KINDS)).max(4)),
});
export type ContactsInput = z.output<typeof ZContactsInput>;
