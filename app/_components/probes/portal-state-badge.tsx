"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { useFormat } from "@/i18n/format-hooks";

/**
 * "Is the portal up?" on every page (issue 15): the worst state of the state's portal targets and since when,
 * and for a block user whether it is the portal or their own block's network. Live: the probe's state events
 * refetch it (LiveUpdates), with a slow poll as the fallback.
 */
export function PortalStateBadge() {
  const trpc = useTRPC();
  const t = useTranslations("portalState");
  const format = useFormat();
  const portal = useQuery(trpc.probes.getPortalState.queryOptions(undefined, { refetchInterval: 60_000 }));
  const data = portal.data;
  if (!data) return null;
  const state = data.state ?? "none";
  const tone = state === "DOWN" ? "down" : state === "DEGRADED" || state === "PENDING" ? "slow" : state === "UP" ? "up" : "other";
  const cause = data.blockReach === "BLOCK_NETWORK" ? t("ownNetwork") : data.state === "DOWN" && data.blockReach !== null ? t("forEveryone") : null;
  return (
    <Link href="/probes" className={`portal-state portal-${tone}`} data-testid="portal-state" data-state={state} title={t("title", { name: data.name })}>
      <span className="portal-dot" aria-hidden="true" />
      <span>
        {t(`states.${state}`)}
        {data.since ? <span className="portal-since"> · {t("since", { when: format.dateTime(data.since) })}</span> : null}
        {cause ? <span className="portal-cause"> · {cause}</span> : null}
      </span>
    </Link>
  );
}
