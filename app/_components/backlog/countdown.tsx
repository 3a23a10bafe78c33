"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { countdownParts } from "@/core/time/ist";
import { useFormat } from "@/i18n/format-hooks";

/** One shared clock for every countdown on the page, ticking each 30 s. */
function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "3 h 05 m left" / "3 घं 05 मि बाकी"; "overdue by 1 d 2 h" / "1 दिन 2 घं से समय-सीमा पार". */
export function useCountdownText(): (msLeft: number) => string {
  const t = useTranslations("aging");
  return (msLeft) => {
    const p = countdownParts(msLeft);
    const span =
      p.days > 0
        ? t("spanDays", { days: String(p.days), hours: String(p.hours) })
        : t("spanHours", { hours: String(p.hours), minutes: String(p.minutes).padStart(2, "0") });
    return p.overdue ? t("countdownOverdue", { span }) : t("countdownLeft", { span });
  };
}

export function Countdown({ deadline }: { deadline: Date }) {
  const now = useNow();
  const t = useTranslations("aging");
  const format = useFormat();
  const countdownText = useCountdownText();
  const left = deadline.getTime() - now.getTime();
  const tone = left <= 0 ? "bad" : left <= 6 * 3_600_000 ? "warn" : "ok";
  return (
    <span className={`countdown ${tone}`} title={t("deadlineTitle", { when: format.dateTimeFull(deadline) })}>
      {left <= 0 ? "⚠ " : ""}
      {countdownText(left)}
    </span>
  );
}
