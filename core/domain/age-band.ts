/**
 * Age bands of the 2021 vaccination drive (issue 5). Only the birth year is recorded (as on the portal), so age
 * is the IST calendar year of vaccination minus the birth year — the portal's own rule, which is why a person
 * born in 1976 counted as 45 for the whole of 2021.
 */
import { IST_OFFSET_MS } from "@/core/time/ist";

export const AGE_BANDS = ["18-44", "45-59", "60+"] as const;
export type AgeBand = (typeof AGE_BANDS)[number] | "unknown";

export const AGE_BAND_LABELS: Record<AgeBand, string> = { "18-44": "18–44", "45-59": "45–59", "60+": "60+", unknown: "Age not valid" };

export function ageInYear(birthYear: number, vaccinatedAt: Date): number {
  return new Date(vaccinatedAt.getTime() + IST_OFFSET_MS).getUTCFullYear() - birthYear;
}

/** Under 18 or an impossible age (over 120) is "unknown": shown, never folded into a band. */
export function ageBand(birthYear: number, vaccinatedAt: Date): AgeBand {
  const age = ageInYear(birthYear, vaccinatedAt);
  if (!Number.isInteger(age) || age < 18 || age > 120) return "unknown";
  if (age <= 44) return "18-44";
  if (age <= 59) return "45-59";
  return "60+";
}
