import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePage } from "@/server/api/page-guard";
import { can } from "@/server/auth/policy";
import { MyContactsForm } from "@/app/_components/alerts/my-contacts-form";
import { ChannelsPanel } from "@/app/_components/alerts/channels-panel";
import { DeliveryLog } from "@/app/_components/alerts/delivery-log";
import { ReachableList } from "@/app/_components/alerts/reachable-list";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("alertSettings");
  return { title: t("metaTitle") };
}

/** Everyone sets how they are reached; the DIO (district) and the state officer (state) also set up the channels. */
export default async function AlertSettingsPage() {
  const { user } = await requirePage("/settings/alerts", "self");
  const t = await getTranslations("alertSettings");
  const configures = can(user, "alerts.configure");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <MyContactsForm />
      {configures ? <ChannelsPanel forState={user.role === "STATE_OFFICER"} /> : null}
      {configures ? <DeliveryLog /> : null}
      {configures && user.role === "DISTRICT_OFFICER" ? <ReachableList /> : null}
    </>
  );
}
