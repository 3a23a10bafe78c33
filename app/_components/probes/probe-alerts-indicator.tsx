"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";

const DAY_MS = 86_400_000;

function lastDay<T extends { createdAt: Date }>(rows: T[]): T[] {
  const since = Date.now() - DAY_MS;
  return rows.filter((a) => a.createdAt.getTime() >= since);
}

/** Header link to the probes page's alert list, with the number of alerts raised in the last 24 h. */
export function ProbeAlertsIndicator() {
  const trpc = useTRPC();
  const t = useTranslations("probes.alerts");
  const nav = useTranslations("nav");
  const alerts = useQuery(
    trpc.probes.listAlerts.queryOptions(
      { limit: 50 },
      {
        staleTime: 2 * 60_000,
        refetchInterval: 5 * 60_000,
        select: lastDay,
      },
    ),
  );
  const recent = alerts.data ?? [];
  const down = recent.filter((a) => a.kind === "PROBE_DOWN").length;
  const label = alerts.data ? t("recentLabel", { n: recent.length }) : nav("alerts");
  return (
    <Link href="/probes#alerts" className={`alerts-indicator${down > 0 ? " has-down" : ""}`} title={label} data-testid="alerts-indicator">
      {nav("alerts")} <span className="alerts-count">{alerts.data ? recent.length : "…"}</span>
    </Link>
  );
}
