import { getTranslations } from "next-intl/server";
import { requirePage } from "@/server/api/page-guard";
import { can } from "@/server/auth/policy";
import { ProbeDashboard } from "@/app/_components/probes/probe-dashboard";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("probes");
  return { title: t("metaTitle") };
}

export default async function ProbesPage() {
  const { user } = await requirePage("/probes", "dashboard.read");
  return <ProbeDashboard canEdit={can(user, "probes.manage")} />;
}
