"use client";

import { NextIntlClientProvider, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { formatPrintedAt, type HelpdeskLocale, type SlipMessages } from "@/app/_components/helpdesk/helpdesk-text";
import { DoseList, PersonFacts, type HelpdeskPersonView } from "@/app/_components/helpdesk/helpdesk-person";
import { TIME_ZONE } from "@/core/format/locales";
import type { en } from "@/i18n/messages/en";

/**
 * The status slip the person takes home: masked numbers only, each dose in plain words, the time it was printed.
 * It opens in the app's language and can be switched on the slip alone (a person may read the other language than
 * the counter staff): the slip has its own next-intl provider with both languages' helpdesk messages.
 * Printing shows the slip alone (print CSS in globals.css).
 */
export function HelpdeskSlip({
  person,
  statusAt,
  messages,
  onClose,
}: {
  person: HelpdeskPersonView;
  /** When the server read the status (the explanations are as of then). */
  statusAt: Date;
  messages: SlipMessages;
  onClose: () => void;
}) {
  const appLocale = useLocale();
  const [locale, setLocale] = useState<HelpdeskLocale>(appLocale);
  // The slip is shown after a click, never server-rendered, so reading the clock here is safe.
  const [printedAt] = useState(() => new Date());
  return (
    <NextIntlClientProvider locale={locale} messages={messages[locale] as unknown as Pick<typeof en, "helpdesk">} timeZone={TIME_ZONE}>
      <SlipBody person={person} statusAt={statusAt} printedAt={printedAt} locale={locale} onLocale={setLocale} onClose={onClose} languageLabel={`${messages.en.helpdesk.language} / ${messages.hi.helpdesk.language}`} />
    </NextIntlClientProvider>
  );
}

function SlipBody({
  person,
  statusAt,
  printedAt,
  locale,
  onLocale,
  onClose,
  languageLabel,
}: {
  person: HelpdeskPersonView;
  statusAt: Date;
  printedAt: Date;
  locale: HelpdeskLocale;
  onLocale: (locale: HelpdeskLocale) => void;
  onClose: () => void;
  languageLabel: string;
}) {
  const t = useTranslations("helpdesk");
  return (
    <section className="helpdesk-slip" aria-labelledby="hd-slip-title" lang={locale}>
      <div className="helpdesk-slip-tools no-print" role="group" aria-label={languageLabel}>
        <SlipLanguageSwitch locale={locale} onChange={onLocale} />
        <button type="button" className="primary" onClick={() => window.print()}>
          {t("print")}
        </button>
        <button type="button" onClick={onClose}>
          {t("closeSlip")}
        </button>
      </div>
      <div className="helpdesk-slip-paper">
        <h2 id="hd-slip-title">{t("slipTitle")}</h2>
        <p className="helpdesk-slip-name">
          {t("slipFor")}: <strong>{person.name}</strong>
        </p>
        <PersonFacts person={person} />
        <DoseList person={person} />
        <p className="helpdesk-slip-printed">
          {t("statusAsOf")}: {formatPrintedAt(statusAt, locale)}
          <br />
          {t("printedAt")}: {formatPrintedAt(printedAt, locale)}
        </p>
        <p className="muted helpdesk-slip-footer">{t("slipFooter")}</p>
      </div>
    </section>
  );
}

/** The slip's own हिन्दी / English (each labelled in its own language); the app's language stays as it is. */
function SlipLanguageSwitch({ locale, onChange }: { locale: HelpdeskLocale; onChange: (locale: HelpdeskLocale) => void }) {
  return (
    <span className="helpdesk-lang">
      <button type="button" lang="hi" aria-pressed={locale === "hi"} onClick={() => onChange("hi")}>
        हिन्दी
      </button>
      <button type="button" lang="en" aria-pressed={locale === "en"} onClick={() => onChange("en")}>
        English
      </button>
    </span>
  );
}
