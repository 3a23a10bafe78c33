"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/**
 * A header link that stays within the district being looked at: on /districts/<slug>/…, "Camps" is that district's camps.
 * The header sits above the district's layout, so it reads the district from the address, not from the context.
 */
export function DistrictNavLink({ href, children }: { href: string; children: ReactNode }) {
  const district = /^\/districts\/([^/]+)/.exec(usePathname())?.[1];
  return <Link href={district ? `/districts/${district}${href === "/" ? "" : href}` : href}>{children}</Link>;
}
