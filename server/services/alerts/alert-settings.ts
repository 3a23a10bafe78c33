/**
 * A state's alert settings (issue 4), stored in app_settings (keys "alerts.state:<id>.…") so that the state
 * officer can change them in the UI and every app instance (and the worker) reads the same values. Per state:
 * the probe targets they are about are the state's, and one district's officer must not redirect another's alerts.
 */
import "server-only";
import { z } from "zod";
import type { Db } from "@/server/db/client";

const KEY_PREFIX = "alerts.state:";
const keysOf = (stateId: number) => ({ webhookUrl: `${KEY_PREFIX}${stateId}.webhookUrl`, downAfterMinutes: `${KEY_PREFIX}${stateId}.downAfterMinutes` });

export const DEFAULT_DOWN_AFTER_MINUTES = 5;
export const MAX_DOWN_AFTER_MINUTES = 24 * 60;

export type AlertSettings = {
  /** Where alerts are POSTed as JSON; null = in-app only. */
  webhookUrl: string | null;
  /** A target must be DOWN this long before the "down" alert is raised (0 = at once). */
  downAfterMinutes: number;
};

export const ZAlertSettingsInput = z.strictObject({
  webhookUrl: z
    .string()
    .trim()
    .max(2048, "The webhook URL is longer than 2048 characters.")
    .refine((v) => /^https?:\/\//i.test(v), "The webhook URL must start with http:// or https://.")
    .nullable(),
  downAfterMinutes: z
    .number()
    .int("Minutes must be a whole number.")
    .min(0, "Minutes cannot be negative.")
    .max(MAX_DOWN_AFTER_MINUTES, `At most ${MAX_DOWN_AFTER_MINUTES} minutes (one day).`),
});

function settingsFrom(value: (key: string) => string | null, stateId: number): AlertSettings {
  const keys = keysOf(stateId);
  const minutes = Number(value(keys.downAfterMinutes));
  return {
    webhookUrl: value(keys.webhookUrl) || null,
    downAfterMinutes: value(keys.downAfterMinutes) !== null && Number.isInteger(minutes) && minutes >= 0 ? minutes : DEFAULT_DOWN_AFTER_MINUTES,
  };
}

export async function getAlertSettings(db: Db, stateId: number): Promise<AlertSettings> {
  const keys = keysOf(stateId);
  const rows = await db.appSetting.findMany({ where: { key: { in: [keys.webhookUrl, keys.downAfterMinutes] } } });
  return settingsFrom((key) => rows.find((r) => r.key === key)?.value ?? null, stateId);
}

/** Every state's settings (a state with none stored gets the defaults), for the alert engine. */
export async function getAllAlertSettings(db: Db): Promise<Map<number, AlertSettings>> {
  const [states, rows] = await Promise.all([db.state.findMany({ select: { id: true } }), db.appSetting.findMany({ where: { key: { startsWith: KEY_PREFIX } } })]);
  const values = new Map(rows.map((r) => [r.key, r.value]));
  return new Map(states.map((s) => [s.id, settingsFrom((key) => values.get(key) ?? null, s.id)]));
}

export async function setAlertSettings(db: Db, stateId: number, settings: AlertSettings): Promise<AlertSettings> {
  const keys = keysOf(stateId);
  const upsert = (key: string, value: string) => db.appSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
  await db.$transaction([upsert(keys.webhookUrl, settings.webhookUrl ?? ""), upsert(keys.downAfterMinutes, String(settings.downAfterMinutes))]);
  return getAlertSettings(db, stateId);
}
