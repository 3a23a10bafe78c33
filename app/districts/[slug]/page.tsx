"use client";

import { useLocale } from "next-intl";
import { useFocusedDistrict } from "@/app/_trpc/client";
import { DistrictOverview } from "@/app/_components/backlog/district-overview";

/** The district overview, for the district of the URL (the layout has checked it and set it). */
export default function DistrictPage() {
  const district = useFocusedDistrict();
  const locale = useLocale();
  return <DistrictOverview districtName={district ? (locale === "hi" ? district.nameHi : district.name) : ""} />;
}
