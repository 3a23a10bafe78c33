import { getTranslations } from "next-intl/server";
import { requireUser } from "@/server/auth/page-guard";
import { ImportPanel } from "@/app/_components/import-panel";
import { RecentImports } from "@/app/_components/recent-imports";

export const dynamic = "force-dynamic";

export default async function ImportsPage() {
  const user = await requireUser("/imports");
  const mayImport = user.role === "DISTRICT_OFFICER" || user.role === "DATA_OPERATOR";
  const t = await getTranslations("imports");
  return (
    <>
      <h1>{t("title")}</h1>
      {mayImport ? (
        <ImportPanel />
      ) : (
        <p className="notice">{t("notAllowed")}</p>
      )}
      <h2>{t("recent")}</h2>
      <RecentImports />
    </>
  );
}
