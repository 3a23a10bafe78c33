import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { requirePage } from "@/server/api/page-guard";
import type { Capability } from "@/server/auth/policy";

/** Which page this is; names the refusal (districtOnly.* in the catalogs). */
export type GatedPage = "sites" | "tokens" | "accessLog";

/** Renders the page for those the policy allows and a clear refusal for everyone else (the server checks again). */
export async function CapabilityGate({ path, capability, what, children }: { path: string; capability: Capability; what: GatedPage; children: ReactNode }) {
  const { allowed } = await requirePage(path, capability);
  if (!allowed) {
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
