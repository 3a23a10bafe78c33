"use client";

import { useTranslations } from "next-intl";
import { ruleParts, type DeadlineRule } from "@/core/domain/deadline-rule";

/** "48 h after vaccination" / "by 17:00 the next day" (and Hindi), from the catalogue. */
export function useRuleText(): (rule: DeadlineRule) => string {
  const t = useTranslations("rules.deadline");
  return (rule) => {
    const p = ruleParts(rule);
    if (p.kind === "hours") return t("hours", { hours: String(p.hours) });
    return t("byTime", { days: p.days, time: p.time });
  };
}

/** The one rule every district of an answer shares, or null when they differ (a state's overview). */
export function sharedRule(deadlines: readonly { deadline: DeadlineRule }[]): DeadlineRule | null {
  const [first] = deadlines;
  if (!first) return null;
  const key = JSON.stringify(first.deadline);
  return deadlines.every((d) => JSON.stringify(d.deadline) === key) ? first.deadline : null;
}
