import { fromIstWallMs, istDateKey, istWallMs } from "@/core/time/ist";
import { clockText } from "@/core/domain/quiet-hours";

/** Backlog digests go out at these IST times unless configured otherwise (minutes after midnight). */
export const DEFAULT_DIGEST_SLOTS: readonly number[] = [9 * 60, 14 * 60, 18 * 60];

/**
 * A digest slot is due from its time for `windowMinutes` (a worker that was down at 09:00 still sends the 09:00
 * digest at 09:20, but not at 13:00, when it would be stale). The key names the slot ("2021-06-23T09:00"), so a
 * rerun within the window finds the same key and sends nothing twice.
 */
export function dueDigestSlot(now: Date, slots: readonly number[] = DEFAULT_DIGEST_SLOTS, windowMinutes = 60): { key: string; at: Date } | null {
  const wall = istWallMs(now);
  const midnight = wall - (((wall % 86_400_000) + 86_400_000) % 86_400_000);
  const minute = (wall - midnight) / 60_000;
  const due = [...slots].sort((a, b) => b - a).find((s) => s <= minute && minute < s + windowMinutes);
  if (due === undefined) return null;
  const at = fromIstWallMs(midnight + due * 60_000);
  return { key: `${istDateKey(at)}T${clockText(due)}`, at };
}
