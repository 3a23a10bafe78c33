"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { ALERT_GROUPS } from "@/core/contracts/alert-channels";

/** Who in the district can be reached, and on which channels, per alert group (numbers masked). */
export function ReachableList() {
  const trpc = useTRPC();
  const t = useTranslations("alertSettings");
  const roles = useTranslations("roles");
  const people = useQuery(trpc.contacts.listReachable.queryOptions());
  return (
    <section aria-labelledby="reach-title">
      <h2 id="reach-title">{t("reachTitle")}</h2>
      <QueryState query={people}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t("reachEmpty")}</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table compact">
                <caption className="sr-only">{t("reachCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("person")}</th>
                    <th scope="col">{t("block")}</th>
                    <th scope="col">{t("language")}</th>
                    {ALERT_GROUPS.map((g) => (
                      <th key={g} scope="col">{t(`group_${g}`)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((p) => (
                    <tr key={p.userId}>
                      <td>
                        {p.displayName} · {roles(p.role as "DISTRICT_OFFICER")}
                      </td>
                      <td>{p.block ?? t("none")}</td>
                      <td>{p.language === "hi" ? "हिन्दी" : "English"}</td>
                      {ALERT_GROUPS.map((g) => (
                        <td key={g}>{p.reach[g].length ? p.reach[g].join(", ") : t("none")}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
