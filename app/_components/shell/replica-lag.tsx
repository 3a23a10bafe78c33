"use client";
/**
 * "Figures up to N s behind": shown next to the live indicator while the read replica the dashboard reads from is
 * at least a second behind the primary (nothing without a replica, or when it is current). Your own changes are
 * never behind: after a write your reads go to the primary until the replica has them.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";

const REFRESH_MS = 15_000;

export function ReplicaLag() {
  const trpc = useTRPC();
  const t = useTranslations("replicaLag");
  const { data } = useQuery(trpc.replica.lag.queryOptions(undefined, { refetchInterval: REFRESH_MS, staleTime: REFRESH_MS }));
  if (!data?.configured || data.seconds === null || data.seconds < 1) return null;
  return (
    <span className="replica-lag" data-replica-lag={data.seconds} title={t("title")}>
      {t("behind", { seconds: String(Math.ceil(data.seconds)) })}
    </span>
  );
}
