import { istWallMs } from "@/core/time/ist";

/**
 * Is `now` inside quiet hours given in IST minutes after midnight? The start is inside, the end is not; a start
 * after the end wraps midnight (21:00–07:00); equal start and end mean no quiet hours.
 */
export function inQuietHours(now: Date, quiet: { start: number; end: number } | null): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  const minute = Math.floor(istWallMs(now) / 60_000) % 1440;
  return quiet.start < quiet.end ? minute >= quiet.start && minute < quiet.end : minute >= quiet.start || minute < quiet.end;
}

export function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
