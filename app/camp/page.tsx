import { getTranslations } from "next-intl/server";
import { pageCaller, requirePage } from "@/server/api/page-guard";
import { CampApp } from "@/app/_components/camp/camp-app";
import "./camp.css";

export const dynamic = "force-dynamic";

/** The camp register on a phone (issue 14): works offline once opened, syncs when the network is back. */
export default async function CampPage() {
  const { user, allowed } = await requirePage("/camp", "camp.record");
  if (!allowed || user.blockId === null) {
    const t = await getTranslations();
    return (
      <section className="notice error" role="alert">
        <h1>{t("common.notAvailable")}</h1>
        <p>{t("camp.notAvailable")}</p>
      </section>
    );
  }
  const vaccines = await (await pageCaller()).camp.vaccines();
  return <CampApp user={{ id: user.id, displayName: user.displayName, blockId: user.blockId }} vaccines={vaccines} />;
}
