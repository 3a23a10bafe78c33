"use client";

import { useLocale, useTranslations } from "next-intl";
import type { RouterOutputs } from "@/app/_trpc/types";

export type HelpdeskPersonView = RouterOutputs["helpdesk"]["search"]["people"][number];
type Dose = HelpdeskPersonView["doses"][number];

const STATE_MARK: Record<Dose["state"], string> = { onPortal: "✓", waiting: "…", overdue: "!", rejected: "✕", anomaly: "?" };

/** A dose's state as a badge with a symbol and words, never colour alone. */
export function DoseBadge({ dose }: { dose: Dose }) {
  const t = useTranslations("helpdesk");
  return (
    <span className={`helpdesk-state helpdesk-state-${dose.state}`}>
      <span aria-hidden="true">{STATE_MARK[dose.state]} </span>
      {t(`states.${dose.state}`)}
    </span>
  );
}

/** Born, block, masked mobile and ID; in the language of the nearest provider (the app's, or the slip's own). */
export function PersonFacts({ person }: { person: HelpdeskPersonView }) {
  const t = useTranslations("helpdesk");
  const locale = useLocale();
  return (
    <dl className="helpdesk-facts">
      <div>
        <dt>{t("born")}</dt>
        <dd>
          {person.birthYear} · {t(`sex.${person.sex}`)}
        </dd>
      </div>
      <div>
        <dt>{t("blocksLabel")}</dt>
        <dd>{locale === "hi" ? [...new Set(person.doses.map((d) => d.blockHi))].join(", ") : person.blocks.join(", ")}</dd>
      </div>
      <div>
        <dt>{t("mobileLabel")}</dt>
        <dd className="helpdesk-masked">{person.mobileMasked}</dd>
      </div>
      <div>
        <dt>{t("idLabel")}</dt>
        <dd className="helpdesk-masked">{person.idMasked}</dd>
      </div>
    </dl>
  );
}

export function DoseList({ person, headingLevel = 3 }: { person: HelpdeskPersonView; headingLevel?: 3 | 4 }) {
  const t = useTranslations("helpdesk");
  const locale = useLocale();
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <ol className="helpdesk-doses">
      {person.doses.map((dose) => (
        <li key={`${dose.dose}-${dose.registerSerial}`} className="helpdesk-dose">
          <Heading className="helpdesk-dose-head">
            {t("dose", { n: String(dose.dose) })} <DoseBadge dose={dose} />
          </Heading>
          <p lang={locale}>{dose.explanation[locale]}</p>
          <p className="muted helpdesk-serial">
            {t("serialLabel")}: {dose.registerSerial}
          </p>
        </li>
      ))}
    </ol>
  );
}

/** One search result: who, where, and each dose in plain words; "Open" shows the full view and the slip. */
export function PersonCard({ person, opening, onOpen }: { person: HelpdeskPersonView; opening: boolean; onOpen: (token: string) => void }) {
  const t = useTranslations("helpdesk");
  return (
    <li className="card helpdesk-card">
      <div className="helpdesk-card-head">
        <h3>{person.name}</h3>
        <button type="button" onClick={() => onOpen(person.token)} disabled={opening} aria-label={t("openPerson", { name: person.name })}>
          {opening ? t("opening") : t("open")}
        </button>
      </div>
      <PersonFacts person={person} />
      <DoseList person={person} headingLevel={4} />
    </li>
  );
}
