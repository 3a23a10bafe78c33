import { useTranslations } from "next-intl";
import { CapabilityGate } from "@/app/_components/shell/capability-gate";
import { UnconfirmedSites } from "@/app/_components/imports/unconfirmed-sites";

export const dynamic = "force-dynamic";

export default function SitesPage() {
  const t = useTranslations("sites");
  return (
    <CapabilityGate path="/sites" capability="sites.manage" what="sites">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <UnconfirmedSites />
    </CapabilityGate>
  );
}
