import { useTranslations } from "next-intl";
import { DistrictOfficerOnly } from "@/app/_components/district-officer-only";
import { UnconfirmedSites } from "@/app/_components/unconfirmed-sites";

export const dynamic = "force-dynamic";

export default function SitesPage() {
  const t = useTranslations("sites");
  return (
    <DistrictOfficerOnly path="/sites" what="sites">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <UnconfirmedSites />
    </DistrictOfficerOnly>
  );
}
