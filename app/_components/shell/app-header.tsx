import Link from "next/link";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { currentUser, pageCaller } from "@/server/api/page-guard";
import { placeLabel } from "@/app/_components/state/place-label";
import { can } from "@/server/auth/policy";
import { scopeFor } from "@/server/auth/scope";
import { SignOutButton } from "@/app/_components/shell/sign-out-button";
import { ProbeAlertsIndicator } from "@/app/_components/probes/probe-alerts-indicator";
import { PortalStateBadge } from "@/app/_components/probes/portal-state-badge";
import { FieldProbe } from "@/app/_components/probes/field-probe";
import { LiveUpdates } from "@/app/_components/shell/live-updates";
import { LanguageSwitch } from "@/app/_components/shell/language-switch";
import { DistrictNavLink } from "@/app/_components/state/district-nav-link";
import { PROBE_ORIGINS_HEADER } from "@/server/http/security-headers";

export async function AppHeader() {
  const user = await currentUser().catch(() => null);
  const t = await getTranslations("nav");
  const tApp = await getTranslations("app");
  const roles = await getTranslations("roles");
  // The place's name comes from the database (the state, the district, or the block and its district).
  const place = user ? await (await pageCaller()).state.place().catch(() => null) : null;
  const locale = await getLocale();
  const tAlerts = await getTranslations("alertSettings");
  const tRules = await getTranslations("rules");
  // The origins this page's CSP allows the field probe to fetch (set by proxy.ts for this very response).
  const probeOrigins = ((await headers()).get(PROBE_ORIGINS_HEADER) ?? "").split(" ").filter(Boolean);
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        {tApp("brand")} {place ? <span className="brand-sub">{placeLabel(place, locale)}</span> : null}
      </Link>
      {user && !can(user, "dashboard.read") ? (
        // The helpdesk has one page; the dashboard links, alerts and live updates are not for it (and refused).
        <nav className="header-nav" aria-label={t("account")}>
          <Link href="/helpdesk">{t("helpdesk")}</Link>
          <span className="who">
            {user.displayName} · {roles(user.role)}
          </span>
          <SignOutButton />
        </nav>
      ) : user ? (
        <nav className="header-nav" aria-label={t("account")}>
          <DistrictNavLink href="/">{t("backlog")}</DistrictNavLink>
          <DistrictNavLink href="/camps">{t("camps")}</DistrictNavLink>
          <DistrictNavLink href="/timeliness">{t("timeliness")}</DistrictNavLink>
          <DistrictNavLink href="/imports">{t("imports")}</DistrictNavLink>
          <DistrictNavLink href="/anomalies">{t("anomalies")}</DistrictNavLink>
          <DistrictNavLink href="/probes">{t("portal")}</DistrictNavLink>
          {can(user, "reports.daily") && <DistrictNavLink href="/reports/daily">{t("dailyReport")}</DistrictNavLink>}
          <PortalStateBadge />
          <ProbeAlertsIndicator />
          {can(user, "probes.reportField") && scopeFor(user).kind === "block" ? <FieldProbe allowedOrigins={probeOrigins} /> : null}
          {can(user, "sites.manage") && <Link href="/sites">{t("newSites")}</Link>}
          {can(user, "tokens.manage") && <Link href="/settings/tokens">{t("apiTokens")}</Link>}
          {can(user, "state.configure") && <Link href="/settings/rules">{tRules("nav")}</Link>}
          {can(user, "state.configure") && <Link href="/settings/districts">{t("districts")}</Link>}
          {can(user, "helpdesk.lookup") && <Link href="/helpdesk">{t("helpdesk")}</Link>}
          {can(user, "helpdesk.auditLog") && <Link href="/settings/access-log">{t("accessLog")}</Link>}
          <Link href="/settings/alerts">{tAlerts("navLink")}</Link>
          <LiveUpdates />
          <span className="who">
            {user.displayName} · {roles(user.role)}
          </span>
          <SignOutButton />
        </nav>
      ) : null}
      <LanguageSwitch />
    </header>
  );
}
