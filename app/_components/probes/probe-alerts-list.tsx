"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { useProbeFormat } from "@/app/_components/probes/probe-format";
import { useFormat } from "@/i18n/format-hooks";
import type { RouterOutputs } from "@/app/_trpc/types";

const KINDS = ["PROBE_DOWN", "PROBE_RECOVERED", "BLOCK_AT_RISK", "BLOCK_BACK_ON_TRACK"] as const;
const WEBHOOK_STATES = ["NONE", "PENDING", "SENT", "FAILED"] as const;
const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

type Alert = RouterOutputs["probes"]["listAlerts"][number];

/** One line per block or target: its newest alert, with how many earlier ones the group holds (issue 15). */
function grouped(rows: Alert[]): Array<{ newest: Alert; earlier: Alert[] }> {
  const groups = new Map<string, { newest: Alert; earlier: Alert[] }>();
  for (const a of rows) {
    const key = a.blockId !== null ? `block:${a.blockId}` : `target:${a.targetId ?? a.id}`;
    const group = groups.get(key);
    if (group) group.earlier.push(a);
    else groups.set(key, { newest: a, earlier: [] });
  }
  return [...groups.values()];
}

/** Recent in-app alerts, newest first, one line per block or target; every sentence in the reader's language. */
export function ProbeAlertsList() {
  const trpc = useTRPC();
  const t = useTranslations("probes.alerts");
  const locale = useLocale();
  const pf = useProbeFormat();
  const format = useFormat();
  const alerts = useQuery(trpc.probes.listAlerts.queryOptions({ limit: 50 }, { refetchInterval: 60_000 }));
  const text = (a: Alert): string => {
    const f = a.facts;
    if (!f) return a.message;
    if (f.about === "probe") {
      return a.kind === "PROBE_RECOVERED"
        ? t("texts.PROBE_RECOVERED", { target: f.target, since: format.dateTime(f.startedAt), minutes: format.count(Math.round(f.durationSeconds / 60)) })
        : t("texts.PROBE_DOWN", { target: f.target, since: format.dateTime(f.startedAt) });
    }
    const block = locale === "hi" && f.blockHi ? f.blockHi : f.block;
    return a.kind === "BLOCK_BACK_ON_TRACK"
      ? t("texts.BLOCK_BACK_ON_TRACK", { block, since: format.dateTime(f.episodeStartedAt), pending: format.count(f.pending) })
      : t("texts.BLOCK_AT_RISK", {
          block,
          pending: format.count(f.pending),
          overdue: format.count(f.alreadyOverdue),
          willCross: format.count(f.willCrossDeadline),
          firstMiss: f.firstMissAt ? format.dateTime(f.firstMissAt) : "—",
        });
  };
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
              {grouped(rows).map(({ newest: a, earlier }) => (
                <li key={a.id} className={a.kind === "PROBE_DOWN" || a.kind === "BLOCK_AT_RISK" ? "alert-down" : "alert-up"} data-testid="alert-group">
                  <span className="alert-kind">{isOneOf(KINDS, a.kind) ? t(`kinds.${a.kind}`) : a.kind}</span>{" "}
                  <time dateTime={a.createdAt.toISOString()}>{pf.dayTime(a.createdAt)} IST</time>
                  {a.targetName ? ` · ${a.targetName}` : ""}
                  <div>{text(a)}</div>
                  <small className="muted">
                    {isOneOf(WEBHOOK_STATES, a.webhookStatus) ? t(`webhook.${a.webhookStatus}`) : a.webhookStatus}
                    {earlier.length > 0 ? ` · ${t("earlier", { n: earlier.length })}` : ""}
                  </small>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
