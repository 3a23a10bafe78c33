import { getTranslations } from "next-intl/server";
import { requireUser } from "@/server/auth/page-guard";
import { AnomalyQueue } from "@/app/_components/anomaly-queue";

export const dynamic = "force-dynamic";

export default async function AnomaliesPage() {
  await requireUser("/anomalies");
  const t = await getTranslations("anomalies");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <AnomalyQueue />
    </>
  );
}
