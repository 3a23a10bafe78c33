import { getTranslations } from "next-intl/server";
import { requirePage } from "@/server/api/page-guard";
import { AnomalyQueue } from "@/app/_components/imports/anomaly-queue";

export const dynamic = "force-dynamic";

export default async function AnomaliesPage() {
  await requirePage("/anomalies", "dashboard.read");
  const t = await getTranslations("anomalies");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <AnomalyQueue />
    </>
  );
}
