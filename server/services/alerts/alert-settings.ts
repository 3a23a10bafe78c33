/**
 * District-wide alert settings (issue 4), stored in app_settings so that the district officer can change them
 * in the UI and every app instance (and the worker) reads the same values.
 */
import "server-only";
import { z } from "zod";
import type { Db } from "@/server/db/client";

const WEBHOOK_URL_KEY = "alerts.webhookUrl";
const DOWN_MINUTES_KEY = "alerts.downAfterMinutes";

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

export async function getAlertSettings(db: Db): Promise<AlertSettings> {
  const rows = await db.appSetting.findMany({ where: { key: { in: [WEBHOOK_URL_KEY, DOWN_MINUTES_KEY] } } });
  const value = (key: string) => rows.find((r) => r.key === key)?.value ?? null;
  const minutes = Number(value(DOWN_MINUTES_KEY));
  return {
    webhookUrl: value(WEBHOOK_URL_KEY) || null,
    downAfterMinutes: value(DOWN_MINUTES_KEY) !== null && Number.isInteger(minutes) && minutes >= 0 ? minutes : DEFAULT_DOWN_AFTER_MINUTES,
  };
}

export async function setAlertSettings(db: Db, settings: AlertSettings): Promise<AlertSettings> {
  const upsert = (key: string, value: string) => db.appSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
  await db.$transaction([upsert(WEBHOOK_URL_KEY, settings.webhookUrl ?? ""), upsert(DOWN_MINUTES_KEY, String(settings.downAfterMinutes))]);
  return getAlertSettings(db);
}
