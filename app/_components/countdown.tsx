"use client";

import { useEffect, useState } from "react";
import { formatCountdown } from "@/server/domain/ist";

/** One shared clock for every countdown on the page, ticking each 30 s. */
function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function Countdown({ deadline }: { deadline: Date }) {
  const now = useNow();
  const left = deadline.getTime() - now.getTime();
  const tone = left <= 0 ? "bad" : left <= 6 * 3_600_000 ? "warn" : "ok";
  return (
    <span className={`countdown ${tone}`} title={`Deadline ${deadline.toISOString()}`}>
      {left <= 0 ? "⚠ " : ""}
      {formatCountdown(left)}
    </span>
  );
}
