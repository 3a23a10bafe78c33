import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { pageCaller, requirePage } from "@/server/api/page-guard";
import { can } from "@/server/auth/policy";
import { DistrictOverview } from "@/app/_components/backlog/district-overview";
import { StateOverview } from "@/app/_components/state/state-overview";
import { nameIn } from "@/app/_components/state/place-label";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const { user } = await requirePage("/", "dashboard.read");
  const caller = await pageCaller();
  const me = await caller.me().catch(() => null);
  if (!me) return <p className="notice error">{(await getTranslations("home"))("noBlock")}</p>;
  if (me.scope.kind === "block") {
    // A block user's first screen is their block.
    const [block] = await caller.blocks.list();
    if (!block) return <p className="notice error">{(await getTranslations("home"))("noBlock")}</p>;
    redirect(`/blocks/${block.slug}`);
  }
  // A state officer starts with the state's districts side by side; a district officer with their district.
  if (me.scope.kind === "state") return <StateOverview canConfigure={can(user, "state.configure")} />;
  const place = await caller.state.place();
  return <DistrictOverview districtName={place?.district ? nameIn(place.district, await getLocale()) : ""} />;
}
