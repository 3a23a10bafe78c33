"use client";

import { useTranslations } from "next-intl";
import { DEADLINE_BOUNDS } from "@/core/domain/deadline-rule";
import { minuteText, type ProgrammeRules } from "@/core/domain/programme-rules";

/** "17:30" → 1050; "" or a malformed value → NaN (the server refuses it with its own sentence). */
export function minuteOf(text: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
}

/** The deadline and working-hours inputs of one form, named with `prefix` so that two forms can share a page. */
export function RuleFields({ prefix, value }: { prefix: string; value: ProgrammeRules }) {
  const t = useTranslations("rules");
  const d = value.deadline;
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <div className="form-grid">
      <label htmlFor={id("kind")}>
        {t("kind")}
        <select id={id("kind")} name="kind" defaultValue={d.kind}>
          <option value="hours">{t("kindHours")}</option>
          <option value="byTime">{t("kindByTime")}</option>
        </select>
      </label>
      <label htmlFor={id("hours")}>
        {t("hours")}
        <input id={id("hours")} name="hours" type="number" inputMode="numeric" min={1} max={DEADLINE_BOUNDS.maxHours} defaultValue={d.kind === "hours" ? d.hours : 48} />
      </label>
      <label htmlFor={id("days")}>
        {t("days")}
        <input id={id("days")} name="days" type="number" inputMode="numeric" min={0} max={DEADLINE_BOUNDS.maxDays} defaultValue={d.kind === "byTime" ? d.days : 1} />
      </label>
      <label htmlFor={id("time")}>
        {t("time")}
        <input id={id("time")} name="time" type="time" defaultValue={d.kind === "byTime" ? minuteText(d.minuteOfDay) : "17:00"} />
      </label>
      <label htmlFor={id("start")}>
        {t("workStart")}
        <input id={id("start")} name="start" type="time" defaultValue={minuteText(value.work.startMinute)} />
      </label>
      <label htmlFor={id("end")}>
        {t("workEnd")}
        <input id={id("end")} name="end" type="time" defaultValue={minuteText(Math.min(value.work.endMinute, 24 * 60 - 1))} />
      </label>
    </div>
  );
}

/** The form's figures as the API takes them; which fields count depends on the kind chosen. */
export function rulesFromForm(form: FormData): ProgrammeRules {
  const text = (name: string) => String(form.get(name) ?? "");
  // A time input cannot say 24:00, so its last minute, 23:59, stands for the end of the day.
  const end = minuteOf(text("end"));
  const work = { startMinute: minuteOf(text("start")), endMinute: end === 24 * 60 - 1 ? 24 * 60 : end };
  if (text("kind") === "byTime") return { deadline: { kind: "byTime", days: Number(text("days")), minuteOfDay: minuteOf(text("time")) }, work };
  return { deadline: { kind: "hours", hours: Number(text("hours")) }, work };
}
