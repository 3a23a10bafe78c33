"use client";

import { useState } from "react";
import { formatPrintedAt, helpdeskText, type HelpdeskLocale } from "@/app/_components/helpdesk-text";
import { DoseList, PersonFacts, type HelpdeskPersonView } from "@/app/_components/helpdesk-person";

/**
 * The status slip the person takes home: masked numbers only, each dose in plain words, the time it was printed.
 * Its language is switched on the slip itself; printing shows the slip alone (print CSS in globals.css).
 */
export function HelpdeskSlip({
  person,
  statusAt,
  initialLocale,
  onClose,
}: {
  person: HelpdeskPersonView;
  /** When the server read the status (the explanations are as of then). */
  statusAt: Date;
  initialLocale: HelpdeskLocale;
  onClose: () => void;
}) {
  const [locale, setLocale] = useState<HelpdeskLocale>(initialLocale);
  // The slip is shown after a click, never server-rendered, so reading the clock here is safe.
  const [printedAt] = useState(() => new Date());
  const t = helpdeskText(locale);
  return (
    <section className="helpdesk-slip" aria-labelledby="hd-slip-title" lang={locale}>
      <div className="helpdesk-slip-tools no-print" role="group" aria-label={`${helpdeskText("en").language} / ${helpdeskText("hi").language}`}>
        <LanguageSwitch locale={locale} onChange={setLocale} />
        <button type="button" className="primary" onClick={() => window.print()}>
          {t.print}
        </button>
        <button type="button" onClick={onClose}>
          {t.closeSlip}
        </button>
      </div>
      <div className="helpdesk-slip-paper">
        <h2 id="hd-slip-title">{t.slipTitle}</h2>
        <p className="helpdesk-slip-name">
          {t.slipFor}: <strong>{person.name}</strong>
        </p>
        <PersonFacts person={person} locale={locale} />
        <DoseList person={person} locale={locale} />
        <p className="helpdesk-slip-printed">
          {t.statusAsOf}: {formatPrintedAt(statusAt, locale)}
          <br />
          {t.printedAt}: {formatPrintedAt(printedAt, locale)}
        </p>
        <p className="muted helpdesk-slip-footer">{t.slipFooter}</p>
      </div>
    </section>
  );
}

/** हिन्दी / English, as two toggle buttons (each labelled in its own language). */
export function LanguageSwitch({ locale, onChange }: { locale: HelpdeskLocale; onChange: (locale: HelpdeskLocale) => void }) {
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
