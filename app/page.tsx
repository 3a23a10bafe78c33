import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/server/auth/page-guard";
import { getDb } from "@/server/db/client";
import { blockSlug } from "@/server/domain/district";
import { DistrictOverview } from "@/app/_components/district-overview";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await requireUser("/");
  if (user.role !== "DISTRICT_OFFICER") {
    const block = user.blockId ? await getDb().block.findUnique({ where: { id: user.blockId } }) : null;
    if (!block) return <p className="notice error">{(await getTranslations("home"))("noBlock")}</p>;
    redirect(`/blocks/${blockSlug(block.name)}`);
  }
  return <DistrictOverview />;
}
