import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TRPCError } from "@trpc/server";
import { pageCaller, requirePage } from "@/server/api/page-guard";
import { DistrictProviders } from "@/app/_trpc/client";
import { DistrictTrail } from "@/app/_components/state/district-trail";

export const dynamic = "force-dynamic";

/**
 * One district, for the state officer (and that district's own officer): every page under /districts/<slug>/ is the
 * ordinary page with the district set. The server caller narrows to it from the URL (see proxy.ts); the browser's
 * tRPC calls carry it from the context provided here. Anyone else, and a district that is not there, gets not-found.
 */
export default async function DistrictLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requirePage(`/districts/${slug}`, "dashboard.read");
  const place = await (await pageCaller()).state.place().catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST" || error.code === "FORBIDDEN")) return null;
    throw error;
  });
  // A block account's place is its block, never the whole district: not-found, like another district.
  if (!place || place.kind !== "district" || !place.district || place.district.slug !== decodeURIComponent(slug).toLowerCase()) notFound();
  const district = { slug: place.district.slug, name: place.district.name, nameHi: place.district.nameHi, stateName: place.state.name, stateNameHi: place.state.nameHi };
  const t = await getTranslations("state");
  return (
    <DistrictProviders key={district.slug} district={district}>
      <DistrictTrail />
      {place.setUp ? children : <p className="notice">{t("notSetUpHere", { district: district.name })}</p>}
    </DistrictProviders>
  );
}
