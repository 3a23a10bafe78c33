import { getTranslations } from "next-intl/server";
import { requireUser } from "@/server/auth/page-guard";
import { ProbeDashboard } from "@/app/_components/probe-dashboard";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("probes");
  return { title: t("metaTitle") };
}

export default async function ProbesPage() {
  const user = await requireUser("/probes");
  return <ProbeDashboard canEdit={user.role === "DISTRICT_OFFICER"} />;
}
