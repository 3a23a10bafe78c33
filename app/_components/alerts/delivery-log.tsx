"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { useFormat } from "@/i18n/format-hooks";

/** Every message of the district (or state), newest first, with the provider's answer. */
export function DeliveryLog() {
  const trpc = useTRPC();
  const t = useTranslations("alertSettings");
  const format = useFormat();
  const log = useQuery(trpc.channels.deliveries.queryOptions());
  return (
    <section aria-labelledby="log-title">
      <h2 id="log-title">
        {t("logTitle")}{" "}
        <button type="button" className="link-button" onClick={() => void log.refetch()}>
          {t("refresh")}
        </button>
      </h2>
      <QueryState query={log}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t("logEmpty")}</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table compact" data-testid="delivery-log">
                <caption className="sr-only">{t("logCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("when")}</th>
                    <th scope="col">{t("channel")}</th>
                    <th scope="col">{t("kind")}</th>
                    <th scope="col">{t("to")}</th>
                    <th scope="col">{t("status")}</th>
                    <th scope="col" className="num">{t("attempts")}</th>
                    <th scope="col">{t("answer")}</th>
                    <th scope="col">{t("text")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((d) => (
                    <tr key={d.id}>
                      <td>{format.dateTime(d.sentAt ?? d.createdAt)}</td>
                      <td>{d.channel}</td>
                      <td>{t(`message_${d.kind}`)}</td>
                      <td>{d.recipient ? `${d.recipient} · ${d.to}` : d.to}</td>
                      <td>{t(`status_${d.status}`)}</td>
                      <td className="num">{d.attempts}</td>
                      <td>{[d.providerStatus, d.providerMessageId, d.error].filter((x) => x !== null && x !== "").join(" · ") || t("none")}</td>
                      <td className="message-text">{d.text}</td>
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
