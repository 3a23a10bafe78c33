import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePage } from "@/server/api/page-guard";
import { DistrictSetupPanel } from "@/app/_components/state/district-setup-panel";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("setup"))("metaTitle") };
}

export default async function DistrictSetupPage() {
  const { allowed } = await requirePage("/settings/districts", "state.configure");
  if (!allowed) {
    const t = await getTranslations("setup");
    return (
      <section className="notice error" role="alert">
        <h1>{t("title")}</h1>
        <p>{t("notAllowed")}</p>
      </section>
    );
  }
  return <DistrictSetupPanel />;
}
