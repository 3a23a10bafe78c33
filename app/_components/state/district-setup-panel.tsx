"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { nameIn } from "@/app/_components/state/place-label";
import { SetUpForm } from "@/app/_components/state/set-up-form";
import { BlockAliasesEditor } from "@/app/_components/state/block-aliases-editor";
import { useFormat } from "@/i18n/format-hooks";

/** The state's districts with their status; choosing one opens its set-up form, or its blocks once set up. */
export function DistrictSetupPanel() {
  const trpc = useTRPC();
  const t = useTranslations("setup");
  const format = useFormat();
  const districts = useQuery(trpc.setup.listDistricts.queryOptions());
  const [chosen, setChosen] = useState<number | null>(null);
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <QueryState query={districts}>
        {(list) => {
          const selected = list.find((d) => d.id === chosen) ?? null;
          return (
            <>
              {selected ? (
                <section className="card" aria-live="polite">
                  <button type="button" onClick={() => setChosen(null)}>
                    {t("close")}
                  </button>
                  {selected.setUpAt ? (
                    <BlockAliasesEditor districtId={selected.id} districtName={nameIn(selected, format.locale)} />
                  ) : (
                    <SetUpForm districtId={selected.id} districtName={nameIn(selected, format.locale)} slug={selected.slug} />
                  )}
                </section>
              ) : null}
              <div className="table-wrap">
                <table className="data-table" aria-label={t("tableLabel")}>
                  <thead>
                    <tr>
                      <th>{t("district")}</th>
                      <th>{t("status")}</th>
                      <th className="num">{t("blocks")}</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((d) => (
                      <tr key={d.id} data-testid={`setup-row-${d.slug}`}>
                        <td>{nameIn(d, format.locale)}</td>
                        <td>{d.setUpAt ? t("setUpOn", { when: format.dateTime(d.setUpAt) }) : t("notSetUp")}</td>
                        <td className="num">{format.count(d.blocks)}</td>
                        <td>
                          <button type="button" onClick={() => setChosen(d.id)} aria-pressed={chosen === d.id}>
                            {d.setUpAt ? t("open") : t("choose")}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </QueryState>
    </>
  );
}
