import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { requirePage } from "@/server/api/page-guard";
import { TimelinessView } from "@/app/_components/performance/timeliness-view";

export const dynamic = "force-dynamic";

export default async function TimelinessPage() {
  await requirePage("/timeliness", "dashboard.read");
  const t = await getTranslations("common");
  return (
    <Suspense fallback={<p className="loading">{t("loading")}</p>}>
      <TimelinessView />
    </Suspense>
  );
}
