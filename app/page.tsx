import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { pageCaller, requirePage } from "@/server/api/page-guard";
import { DistrictOverview } from "@/app/_components/backlog/district-overview";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  await requirePage("/", "dashboard.read");
  const caller = await pageCaller();
  const me = await caller.me().catch(() => null);
  if (!me) return <p className="notice error">{(await getTranslations("home"))("noBlock")}</p>;
  if (me.scope.kind === "block") {
    // A block user's first screen is their block.
    const [block] = await caller.blocks.list();
    if (!block) return <p className="notice error">{(await getTranslations("home"))("noBlock")}</p>;
    redirect(`/blocks/${block.slug}`);
  }
  return <DistrictOverview />;
}
