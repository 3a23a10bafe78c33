"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { ChannelForm } from "@/app/_components/alerts/channel-form";

/** The four channels of the DIO's district (or the state officer's state). */
export function ChannelsPanel({ forState }: { forState: boolean }) {
  const trpc = useTRPC();
  const t = useTranslations("alertSettings");
  const channels = useQuery(trpc.channels.list.queryOptions());
  return (
    <section aria-labelledby="channels-title">
      <h2 id="channels-title">{t("channelsTitle")}</h2>
      <p className="muted">{forState ? t("channelsIntroState") : t("channelsIntroDistrict")}</p>
      <QueryState query={channels}>
        {(rows) => (
          <div className="alert-channels">
            {rows.map((channel) => (
              <ChannelForm key={`${channel.kind}:${channel.source}:${String(channel.updatedAt)}`} channel={channel} readOnly={false} />
            ))}
          </div>
        )}
      </QueryState>
    </section>
  );
}
