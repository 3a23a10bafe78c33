"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import type { HelpdeskSearchInput } from "@/core/domain/helpdesk-query";
import type { SlipMessages } from "@/app/_components/helpdesk/helpdesk-text";
import { useErrorText } from "@/i18n/errors";
import { DoseList, PersonCard, PersonFacts } from "@/app/_components/helpdesk/helpdesk-person";
import { HelpdeskSlip } from "@/app/_components/helpdesk/helpdesk-slip";
import { HelpdeskSearchForm } from "@/app/_components/helpdesk/helpdesk-search-form";

/** The helpdesk screen, in the app's language: search, results, one person opened, and the status slip. */
export function HelpdeskLookup({ slipMessages }: { slipMessages: SlipMessages }) {
  const trpc = useTRPC();
  const [slipOpen, setSlipOpen] = useState(false);
  const t = useTranslations("helpdesk");
  const errorText = useErrorText();
  const blocks = useQuery(trpc.helpdesk.listBlocks.queryOptions(undefined, { staleTime: Infinity }));
  const search = useMutation(trpc.helpdesk.search.mutationOptions());
  const open = useMutation(trpc.helpdesk.getPerson.mutationOptions());
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const personHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (search.data) resultsHeading.current?.focus();
  }, [search.data]);
  useEffect(() => {
    if (open.data) personHeading.current?.focus();
  }, [open.data]);

  function onSearch(input: HelpdeskSearchInput) {
    open.reset();
    setSlipOpen(false);
    search.mutate(input);
  }

  const person = open.data ?? null;

  return (
    <div className="helpdesk">
      <div className="helpdesk-top no-print">
        <h1>{t("title")}</h1>
      </div>
      <p id="hd-intro" className="muted no-print">
        {t("intro")}
      </p>

      {person ? (
        <>
          <section className="card helpdesk-person no-print" aria-labelledby="hd-person-title">
            <button type="button" className="link-button" onClick={() => open.reset()}>
              ← {t("back")}
            </button>
            <h2 id="hd-person-title" ref={personHeading} tabIndex={-1}>
              {person.name}
            </h2>
            <PersonFacts person={person} />
            <DoseList person={person} />
            {!slipOpen ? (
              <button type="button" className="primary" onClick={() => setSlipOpen(true)}>
                {t("slip")}
              </button>
            ) : null}
          </section>
          {slipOpen ? <HelpdeskSlip person={person} statusAt={person.printedAt} messages={slipMessages} onClose={() => setSlipOpen(false)} /> : null}
        </>
      ) : null}
      {/* Hidden, not unmounted, while a person is open: "back" returns to the same form and results. */}
      <div className="no-print" hidden={Boolean(person)}>
        <HelpdeskSearchForm blocks={blocks.data ?? []} pending={search.isPending} onSearch={onSearch} />
        {search.error ? (
          <p className="notice error" role="alert">
            {t("errorPrefix")} {errorText(search.error)}
          </p>
        ) : null}
        {open.error ? (
          <p className="notice error" role="alert">
            {errorText(open.error)}
          </p>
        ) : null}
        {search.data ? (
          <section aria-labelledby="hd-results-title" className="helpdesk-results">
            <h2 id="hd-results-title" ref={resultsHeading} tabIndex={-1}>
              {search.data.people.length === 0 ? t("noneFound") : t("found", { n: search.data.people.length })}
            </h2>
            {search.data.more ? <p className="notice">{t("more")}</p> : null}
            <ul className="helpdesk-list">
              {search.data.people.map((p) => (
                <PersonCard
                  key={p.token}
                  person={p}
                  opening={open.isPending && open.variables?.token === p.token}
                  onOpen={(token) => open.mutate({ token })}
                />
              ))}
            </ul>
            <p className="muted">{t("searchesLeft", { n: String(search.data.searchesLeft) })}</p>
          </section>
        ) : null}
      </div>
    </div>
  );
}

