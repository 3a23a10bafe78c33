"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent, type ReactNode } from "react";
import { HELPDESK_SEARCH_KINDS, MIN_NAME_LETTERS, MIN_SERIAL_CHARS, parseHelpdeskQuery, type HelpdeskSearchInput, type HelpdeskSearchKind } from "@/core/domain/helpdesk-query";

type Block = { id: number; name: string; nameHi: string };
type Fields = { mobile: string; serial: string; serialBlock: string; idLast4: string; birthYear: string; name: string; nameBlock: string };
const EMPTY: Fields = { mobile: "", serial: "", serialBlock: "", idLast4: "", birthYear: "", name: "", nameBlock: "" };

function toInput(kind: HelpdeskSearchKind, f: Fields): HelpdeskSearchInput {
  const block = (v: string) => (v ? Number(v) : null);
  switch (kind) {
    case "mobile":
      return { kind, mobile: f.mobile };
    case "serial":
      return { kind, serial: f.serial, blockId: block(f.serialBlock) };
    case "idLast4":
      return { kind, idLast4: f.idLast4, birthYear: f.birthYear };
    case "name":
      return { kind, name: f.name, blockId: block(f.nameBlock) };
  }
}

/** The search form; checks the input with the server's own rules before sending, and names the field at fault. */
export function HelpdeskSearchForm({ blocks, pending, onSearch }: { blocks: Block[]; pending: boolean; onSearch: (input: HelpdeskSearchInput) => void }) {
  const t = useTranslations("helpdesk");
  // The same sentences the server answers with, when it checks the query again.
  const problems = useTranslations("errors.server.helpdesk");
  const locale = useLocale();
  const [kind, setKind] = useState<HelpdeskSearchKind>("mobile");
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);

  const set = (key: keyof Fields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = toInput(kind, fields);
    const checked = parseHelpdeskQuery(input, new Date().getFullYear());
    if (!checked.ok) {
      setProblem({ field: checked.field, message: problems(checked.problem, { min: String(checked.problem === "nameTooShort" ? MIN_NAME_LETTERS : MIN_SERIAL_CHARS) }) });
      document.getElementById(`hd-${checked.field}`)?.focus();
      return;
    }
    setProblem(null);
    onSearch(input);
  }

  const errorFor = (field: string) => (problem?.field === field ? problem.message : null);
  const blockName = (b: Block) => (locale === "hi" ? `${b.nameHi} (${b.name})` : b.name);

  return (
    <form className="card helpdesk-form" onSubmit={submit} noValidate aria-describedby="hd-intro">
      <fieldset className="helpdesk-kinds">
        <legend>{t("searchBy")}</legend>
        {HELPDESK_SEARCH_KINDS.map((k) => (
          <label key={k} className="helpdesk-kind">
            <input
              type="radio"
              name="kind"
              value={k}
              checked={kind === k}
              onChange={() => {
                setKind(k);
                setProblem(null);
              }}
            />
            {t(`kinds.${k}`)}
          </label>
        ))}
      </fieldset>
      <div className="helpdesk-fields">
        {kind === "mobile" && (
          <Field id="hd-mobile" label={t("mobile")} hint={t("mobileHint")} error={errorFor("mobile")}>
            {(props) => <input {...props} type="tel" inputMode="tel" autoComplete="off" value={fields.mobile} onChange={(e) => set("mobile")(e.target.value)} />}
          </Field>
        )}
        {kind === "serial" && (
          <>
            <Field id="hd-serial" label={t("serial")} error={errorFor("serial")}>
              {(props) => <input {...props} autoComplete="off" value={fields.serial} onChange={(e) => set("serial")(e.target.value)} />}
            </Field>
            <Field id="hd-blockId-serial" label={t("blockOptional")} error={null}>
              {(props) => (
                <select {...props} value={fields.serialBlock} onChange={(e) => set("serialBlock")(e.target.value)}>
                  <option value="">{t("anyBlock")}</option>
                  {blocks.map((b) => (
                    <option key={b.id} value={b.id}>
                      {blockName(b)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        )}
        {kind === "idLast4" && (
          <>
            <Field id="hd-idLast4" label={t("idLast4")} error={errorFor("idLast4")}>
              {(props) => <input {...props} inputMode="numeric" maxLength={4} autoComplete="off" value={fields.idLast4} onChange={(e) => set("idLast4")(e.target.value)} />}
            </Field>
            <Field id="hd-birthYear" label={t("birthYear")} error={errorFor("birthYear")}>
              {(props) => <input {...props} inputMode="numeric" maxLength={4} autoComplete="off" value={fields.birthYear} onChange={(e) => set("birthYear")(e.target.value)} />}
            </Field>
          </>
        )}
        {kind === "name" && (
          <>
            <Field id="hd-name" label={t("name")} hint={t("nameHint")} error={errorFor("name")}>
              {(props) => <input {...props} autoComplete="off" lang="" value={fields.name} onChange={(e) => set("name")(e.target.value)} />}
            </Field>
            <Field id="hd-blockId" label={t("block")} error={errorFor("blockId")}>
              {(props) => (
                <select {...props} value={fields.nameBlock} onChange={(e) => set("nameBlock")(e.target.value)}>
                  <option value="">{t("chooseBlock")}</option>
                  {blocks.map((b) => (
                    <option key={b.id} value={b.id}>
                      {blockName(b)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        )}
        <button type="submit" className="primary helpdesk-submit" disabled={pending}>
          {pending ? t("searching") : t("search")}
        </button>
      </div>
    </form>
  );
}

type ControlProps = { id: string; "aria-invalid": boolean; "aria-describedby"?: string };

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error: string | null; children: (props: ControlProps) => ReactNode }) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="helpdesk-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": described })}
      {hint ? (
        <span id={`${id}-hint`} className="muted helpdesk-hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="form-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
