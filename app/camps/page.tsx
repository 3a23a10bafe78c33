import { Suspense } from "react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePage } from "@/server/api/page-guard";
import { CampExplorer } from "@/app/_components/camps/camp-explorer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("camps"))("metaTitle") };
}

export default async function CampsPage() {
  await requirePage("/camps", "dashboard.read");
  const t = await getTranslations("common");
  return (
    <Suspense fallback={<p className="loading">{t("loading")}</p>}>
      <CampExplorer />
    </Suspense>
  );
}
