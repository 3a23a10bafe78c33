/**
 * When the data room enters each register line on the portal. Operators work through their queue at a steady
 * pace from 08:00 until about 03:00 IST, and cannot enter a line before its register reaches them. The pace is
 * chosen per unit as the slowest one that still gets exactly the planned number of lines done before work
 * stopped, so the backlog at "now" is whatever the plan says while the entry times look like continuous work.
 */
import "server-only";
import { HOUR_MS, istTimeOfDayMs } from "@/server/seed/ist-time";

const WORK_RESUMES_MS = 8 * HOUR_MS;
const SEARCH_STEPS = 48;

export type EntryQueue = {
  /** Per queue position: when the line's register reached the data room (epoch ms). */
  availableAt: readonly number[];
  /** Per queue position: the line's share of the pace (around 1; some lines take longer than others). */
  effort: readonly number[];
  /** IST time of day (ms after midnight, before 08:00) at which this data room goes home each night. */
  nightEndsMs: number;
};

/** Epoch-ms entry times for the first `count` lines of the queue, all strictly before `stopMs`. */
export function scheduleEntries(queue: EntryQueue, count: number, stopMs: number): number[] {
  if (count === 0) return [];
  if (count > queue.availableAt.length) throw new Error(`cannot enter ${count} of ${queue.availableAt.length} lines`);
  let fast = 1;
  let slow = 2 * 24 * HOUR_MS;
  if (simulate(queue, fast, stopMs, count).length < count) throw new Error("registers arrive too late to be entered");
  for (let step = 0; step < SEARCH_STEPS; step++) {
    const gap = (fast + slow) / 2;
    if (simulate(queue, gap, stopMs, count).length >= count) fast = gap;
    else slow = gap;
  }
  return simulate(queue, fast, stopMs, count);
}

/**
 * The last instant at or before `ms` when the data room was at work. The pace search pushes the last entry
 * right up to the stop time, so the stop must lie in working hours or every unit would end on the same second.
 */
export function lastWorkingInstant(ms: number, nightEndsMs: number): number {
  const timeOfDay = istTimeOfDayMs(ms);
  const offDuty = timeOfDay >= nightEndsMs && timeOfDay < WORK_RESUMES_MS;
  return offDuty ? ms - (timeOfDay - nightEndsMs) : ms;
}

/** Entry times at an average of `gapMs` per line, stopping at `stopMs` or after `limit` lines. */
function simulate(queue: EntryQueue, gapMs: number, stopMs: number, limit: number): number[] {
  const times: number[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < limit; i++) {
    const ready = queue.availableAt[i]!;
    const at = nextWorkingInstant(Math.max(previous + gapMs * queue.effort[i]!, ready), queue.nightEndsMs);
    if (at >= stopMs) break;
    times.push(at);
    previous = at;
  }
  return times;
}

/** Nobody enters between the end of the night shift and 08:00 IST. */
function nextWorkingInstant(ms: number, nightEndsMs: number): number {
  const timeOfDay = istTimeOfDayMs(ms);
  const offDuty = timeOfDay >= nightEndsMs && timeOfDay < WORK_RESUMES_MS;
  return Math.round(offDuty ? ms + (WORK_RESUMES_MS - timeOfDay) : ms);
}
