import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/server/auth/page-guard";

/** Which district-officer page this is; names the refusal (districtOnly.* in the catalogs). */
export type DistrictOfficerPage = "sites" | "tokens" | "accessLog";

/** Renders the page for the district officer and a clear refusal for everyone else (the server checks again). */
export async function DistrictOfficerOnly({ path, what, children }: { path: string; what: DistrictOfficerPage; children: ReactNode }) {
  const user = await requireUser(path);
  if (user.role !== "DISTRICT_OFFICER") {
    const t = await getTranslations("districtOnly");
    return (
      <section className="notice error" role="alert">
        <h1>{t("title")}</h1>
        <p>{t(what)}</p>
      </section>
    );
  }
  return <>{children}</>;
}
