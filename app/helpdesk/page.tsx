import { getTranslations } from "next-intl/server";
import { requirePage } from "@/server/api/page-guard";
import { HelpdeskLookup } from "@/app/_components/helpdesk/helpdesk-lookup";
import { CATALOGS } from "@/i18n/catalogs";

export const dynamic = "force-dynamic";

export default async function HelpdeskPage() {
  const { allowed } = await requirePage("/helpdesk", "helpdesk.lookup");
  if (!allowed) {
    const t = await getTranslations();
    return (
      <section className="notice error" role="alert">
        <h1>{t("common.notAvailable")}</h1>
        <p>{t("helpdesk.notAvailable")}</p>
      </section>
    );
  }
  // The slip can be printed in either language whatever the app's; it gets both languages' helpdesk words.
  return <HelpdeskLookup slipMessages={{ en: { helpdesk: CATALOGS.en.helpdesk }, hi: { helpdesk: CATALOGS.hi.helpdesk } }} />;
}
