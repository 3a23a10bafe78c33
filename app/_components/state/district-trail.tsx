"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useFocusedDistrict } from "@/app/_trpc/client";

/**
 * State › District above every page of a district; a block's page draws its own trail, which ends with the block.
 * The district is a link except on its own overview.
 */
export function DistrictTrail() {
  const district = useFocusedDistrict();
  const pathname = usePathname();
  const t = useTranslations("state");
  const locale = useLocale();
  if (!district || pathname.includes("/blocks/")) return null;
  const home = `/districts/${district.slug}`;
  const name = locale === "hi" ? district.nameHi : district.name;
  return (
    <nav aria-label={t("breadcrumb")} className="breadcrumb" data-testid="district-trail">
      <Link href="/">{locale === "hi" ? district.stateNameHi : district.stateName}</Link> ›{" "}
      {pathname === home ? <span aria-current="page">{name}</span> : <Link href={home}>{name}</Link>}
    </nav>
  );
}
