import { getTranslations } from "next-intl/server";
import { requirePage } from "@/server/api/page-guard";
import { can } from "@/server/auth/policy";
import { RulesPanel } from "@/app/settings/rules/rules-panel";

export const dynamic = "force-dynamic";

/** Everyone with the dashboard sees the rules in force; only the state officer gets the forms (the server checks again). */
export default async function RulesPage() {
  const { user, allowed } = await requirePage("/settings/rules", "dashboard.read");
  if (!allowed) {
    const t = await getTranslations("rules");
    return (
      <section className="notice error" role="alert">
        <p>{t("notAllowed")}</p>
      </section>
    );
  }
  return <RulesPanel canEdit={can(user, "state.configure")} />;
}
