import { getTranslations } from "next-intl/server";
import { requirePage } from "@/server/api/page-guard";
import { can } from "@/server/auth/policy";
import { ImportPanel } from "@/app/_components/imports/import-panel";
import { RecentImports } from "@/app/_components/imports/recent-imports";

export const dynamic = "force-dynamic";

export default async function ImportsPage() {
  const { user } = await requirePage("/imports", "imports.read");
  const mayImport = can(user, "imports.run");
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
