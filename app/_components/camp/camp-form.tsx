"use client";

import { useState, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { parseCampEntry, type CampEntryCells } from "@/core/domain/camp-entry";
import type { VaccineCatalogue } from "@/core/domain/vaccine-catalogue";
import type { CampMeta, StoredCampRecord } from "@/app/_components/camp/camp-store";

/** The form's cells; the age field takes an age or a year of birth. */
export type CampFormValues = { site: string; vaccine: string; dose: string; serial: string; name: string; sex: string; age: string; mobile: string; aadhaar: string };

export function emptyForm(remembered: CampMeta["remembered"], nextSerial = "", firstVaccine = ""): CampFormValues {
  return { site: remembered?.site ?? "", vaccine: remembered?.vaccine ?? firstVaccine, dose: remembered?.dose ?? "1", serial: nextSerial, name: "", sex: "", age: "", mobile: "", aadhaar: "" };
}

export function formOf(r: StoredCampRecord): CampFormValues {
  return { site: r.site, vaccine: r.vaccine, dose: String(r.dose), serial: r.registerSerial, name: r.name, sex: r.sex, age: String(r.birthYear), mobile: r.mobile, aadhaar: r.idNumber ?? "" };
}

/** An age (up to 3 digits) counts back from the year of the dose; 4 digits are a year of birth. */
export function birthYearOf(age: string, at: Date): string {
  const text = age.trim();
  if (/^\d{1,3}$/.test(text)) return String(at.getFullYear() - Number(text));
  return text;
}

export function cellsOf(v: CampFormValues, at: Date): CampEntryCells {
  return {
    register_serial: v.serial,
    site: v.site,
    beneficiary_name: v.name,
    birth_year: birthYearOf(v.age, at),
    gender: v.sex,
    mobile: v.mobile,
    id_type: "AADHAAR",
    id_number: v.aadhaar,
    dose: v.dose,
    vaccine: v.vaccine,
  };
}

type Props = {
  values: CampFormValues;
  onChange: (v: CampFormValues) => void;
  onSubmit: (v: CampFormValues) => void;
  warning: string | null;
  message: string | null;
};

const FIELD_OF: Record<string, keyof CampFormValues> = {
  site: "site",
  register_serial: "serial",
  beneficiary_name: "name",
  birth_year: "age",
  gender: "sex",
  mobile: "mobile",
  id_number: "aadhaar",
  dose: "dose",
  vaccine: "vaccine",
};

export function CampForm({ values: given, onChange, onSubmit, warning, message, vaccines }: Props & { vaccines: VaccineCatalogue }) {
  // The select shows the first vaccine when the remembered one is not (or no longer) in the state's catalogue: the
  // entry takes what the select shows, never a value the user cannot see.
  const values = vaccines.find(given.vaccine) ? given : { ...given, vaccine: vaccines.vaccines[0]?.name ?? "" };
  const t = useTranslations("camp");
  const locale = useLocale();
  const [touched, setTouched] = useState<Set<keyof CampFormValues>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const now = new Date();
  const parsed = parseCampEntry(cellsOf(values, now), now, now, vaccines);
  const problems = new Map<keyof CampFormValues, string>();
  if (!parsed.ok) for (const p of parsed.problems) if (p.column && FIELD_OF[p.column]) problems.set(FIELD_OF[p.column]!, p.column);
  // A field shows its check once it has been left (or on save), and the long numbers as soon as they are complete.
  const shown = (f: keyof CampFormValues) => {
    const column = problems.get(f);
    if (!column) return null;
    const full = (f === "aadhaar" && values.aadhaar.replace(/\D/g, "").length >= 12) || (f === "mobile" && values.mobile.replace(/\D/g, "").length >= 10);
    return submitted || touched.has(f) || full ? t(`check.${column}` as "check.site") : null;
  };
  const set = (f: keyof CampFormValues) => (e: { target: { value: string } }) => onChange({ ...values, [f]: e.target.value });
  const leave = (f: keyof CampFormValues) => () => setTouched((s) => new Set(s).add(f));

  function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (!parsed.ok) return;
    onSubmit(values);
    setSubmitted(false);
    setTouched(new Set());
  }

  const field = (f: keyof CampFormValues, label: string, input: React.ReactNode) => {
    const problem = shown(f);
    return (
      <div className={`camp-field${problem ? " invalid" : ""}`}>
        <label htmlFor={`camp-${f}`}>{label}</label>
        {input}
        {problem ? (
          <p className="camp-check" id={`camp-${f}-check`} role="alert">
            {problem}
          </p>
        ) : null}
      </div>
    );
  };
  const describedBy = (f: keyof CampFormValues) => (shown(f) ? `camp-${f}-check` : undefined);

  return (
    <form className="camp-form" onSubmit={submit} noValidate aria-label={t("form")}>
      <div className="camp-row">
        {field("site", t("site"), <input id="camp-site" value={values.site} onChange={set("site")} onBlur={leave("site")} aria-describedby={describedBy("site")} autoComplete="off" />)}
      </div>
      <div className="camp-row">
        {field(
          "vaccine",
          t("vaccine"),
          <select id="camp-vaccine" value={values.vaccine} onChange={set("vaccine")}>
            {vaccines.vaccines.map((v) => (
              <option key={v.code} value={v.name}>
                {locale === "hi" ? v.nameHi : v.name}
              </option>
            ))}
          </select>,
        )}
        {field(
          "dose",
          t("dose"),
          <select id="camp-dose" value={values.dose} onChange={set("dose")}>
            <option value="1">{t("dose1")}</option>
            <option value="2">{t("dose2")}</option>
          </select>,
        )}
      </div>
      {field("serial", t("serial"), <input id="camp-serial" value={values.serial} onChange={set("serial")} onBlur={leave("serial")} aria-describedby={describedBy("serial")} autoComplete="off" />)}
      {field("name", t("name"), <input id="camp-name" value={values.name} onChange={set("name")} onBlur={leave("name")} aria-describedby={describedBy("name")} autoComplete="off" lang="hi" />)}
      <div className="camp-row">
        {field(
          "sex",
          t("sex"),
          <select id="camp-sex" value={values.sex} onChange={set("sex")} onBlur={leave("sex")} aria-describedby={describedBy("sex")}>
            <option value="">—</option>
            <option value="F">{t("female")}</option>
            <option value="M">{t("male")}</option>
            <option value="O">{t("other")}</option>
          </select>,
        )}
        {field("age", t("age"), <input id="camp-age" value={values.age} onChange={set("age")} onBlur={leave("age")} inputMode="numeric" aria-describedby={describedBy("age")} autoComplete="off" />)}
      </div>
      {field("mobile", t("mobile"), <input id="camp-mobile" value={values.mobile} onChange={set("mobile")} onBlur={leave("mobile")} inputMode="tel" type="tel" aria-describedby={describedBy("mobile")} autoComplete="off" />)}
      {field("aadhaar", t("aadhaar"), <input id="camp-aadhaar" value={values.aadhaar} onChange={set("aadhaar")} onBlur={leave("aadhaar")} inputMode="numeric" aria-describedby={describedBy("aadhaar")} autoComplete="off" />)}
      {warning ? (
        <p className="notice warn" role="status">
          {warning}
        </p>
      ) : null}
      {submitted && !parsed.ok ? (
        <p className="notice error" role="alert">
          {t("fixFirst")}
        </p>
      ) : null}
      <button type="submit" className="camp-save">
        {t("save")}
      </button>
      <p className="camp-saved" role="status" data-testid="camp-saved">
        {message ?? ""}
      </p>
    </form>
  );
}
