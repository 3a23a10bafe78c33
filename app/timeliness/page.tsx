import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/server/auth/page-guard";
import { TimelinessView } from "@/app/_components/timeliness-view";

export const dynamic = "force-dynamic";

export default async function TimelinessPage() {
  await requireUser("/timeliness");
  const t = await getTranslations("common");
  return (
    <Suspense fallback={<p className="loading">{t("loading")}</p>}>
      <TimelinessView />
    </Suspense>
  );
}
