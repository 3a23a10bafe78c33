import Link from "next/link";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/server/api/page-guard";
import { can } from "@/server/auth/policy";
import { scopeFor } from "@/server/auth/scope";
import { SignOutButton } from "@/app/_components/shell/sign-out-button";
import { ProbeAlertsIndicator } from "@/app/_components/probes/probe-alerts-indicator";
import { PortalStateBadge } from "@/app/_components/probes/portal-state-badge";
import { FieldProbe } from "@/app/_components/probes/field-probe";
import { LiveUpdates } from "@/app/_components/shell/live-updates";
import { LanguageSwitch } from "@/app/_components/shell/language-switch";
import { PROBE_ORIGINS_HEADER } from "@/server/http/security-headers";

export async function AppHeader() {
  const user = await currentUser().catch(() => null);
  const t = await getTranslations("nav");
  const tApp = await getTranslations("app");
  const roles = await getTranslations("roles");
  const tAlerts = await getTranslations("alertSettings");
  const tRules = await getTranslations("rules");
  // The origins this page's CSP allows the field probe to fetch (set by proxy.ts for this very response).
  const probeOrigins = ((await headers()).get(PROBE_ORIGINS_HEADER) ?? "").split(" ").filter(Boolean);
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        {tApp("brand")} <span className="brand-sub">{tApp("brandSub")}</span>
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
          <Link href="/">{t("backlog")}</Link>
          <Link href="/camps">{t("camps")}</Link>
          <Link href="/timeliness">{t("timeliness")}</Link>
          <Link href="/imports">{t("imports")}</Link>
          <Link href="/anomalies">{t("anomalies")}</Link>
          <Link href="/probes">{t("portal")}</Link>
          {can(user, "reports.daily") && <Link href="/reports/daily">{t("dailyReport")}</Link>}
          <PortalStateBadge />
          <ProbeAlertsIndicator />
          {can(user, "probes.reportField") && scopeFor(user).kind === "block" ? <FieldProbe allowedOrigins={probeOrigins} /> : null}
          {can(user, "sites.manage") && <Link href="/sites">{t("newSites")}</Link>}
          {can(user, "tokens.manage") && <Link href="/settings/tokens">{t("apiTokens")}</Link>}
          {can(user, "state.configure") && <Link href="/settings/rules">{tRules("nav")}</Link>}
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
