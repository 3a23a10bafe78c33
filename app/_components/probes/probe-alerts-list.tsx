"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { useProbeFormat } from "@/app/_components/probes/probe-format";

const KINDS = ["PROBE_DOWN", "PROBE_RECOVERED"] as const;
const WEBHOOK_STATES = ["NONE", "PENDING", "SENT", "FAILED"] as const;
const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** Recent in-app alerts, newest first (one per incident, and one per recovery). */
export function ProbeAlertsList() {
  const trpc = useTRPC();
  const t = useTranslations("probes.alerts");
  const pf = useProbeFormat();
  const alerts = useQuery(trpc.probes.listAlerts.queryOptions({ limit: 20 }, { refetchInterval: 60_000 }));
  return (
    <section aria-labelledby="alerts" data-testid="alerts-list">
      <h2 id="alerts" tabIndex={-1}>
        {t("title")}
      </h2>
      <QueryState query={alerts}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t("empty")}</p>
          ) : (
            <ul className="alert-list">
              {rows.map((a) => (
                <li key={a.id} className={a.kind === "PROBE_DOWN" ? "alert-down" : a.kind === "PROBE_RECOVERED" ? "alert-up" : ""}>
                  <span className="alert-kind">{isOneOf(KINDS, a.kind) ? t(`kinds.${a.kind}`) : a.kind}</span>{" "}
                  <time dateTime={a.createdAt.toISOString()}>{pf.dayTime(a.createdAt)} IST</time>
                  {a.targetName ? ` · ${a.targetName}` : ""}
                  {/* The server's own sentence (also sent to the webhook), in English. */}
                  <div lang="en">{a.message}</div>
                  <small className="muted">{isOneOf(WEBHOOK_STATES, a.webhookStatus) ? t(`webhook.${a.webhookStatus}`) : a.webhookStatus}</small>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
