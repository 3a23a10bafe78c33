import Link from "next/link";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { TRPCError } from "@trpc/server";
import { pageCaller, pageDistrict, requirePage } from "@/server/api/page-guard";
import { requestNonce } from "@/server/http/request-nonce";
import { DailyReportView } from "@/core/reports/daily-report-view";
import { DAILY_REPORT_CSS } from "@/core/reports/daily-report-css";
import { DAILY_REPORT_TEXT, REPORT_LANGS, isReportLang, type ReportLang } from "@/core/reports/daily-report-text";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reportPage"))("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * A link to the page or its download. `lang` is written only when it differs from the target's default: the page's
 * default is the app language, the download route's is English (a PDF always names its language).
 */
function href(params: { block?: string; lang: ReportLang; format?: "pdf" | "csv"; district?: string }, defaultLang: ReportLang, base = "/reports/daily"): string {
  const q = new URLSearchParams();
  if (params.district) q.set("district", params.district);
  if (params.format) q.set("format", params.format);
  if (params.block) q.set("block", params.block);
  if (params.lang !== defaultLang || params.format === "pdf") q.set("lang", params.lang);
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

export default async function DailyReportPage({ searchParams }: { searchParams: SearchParams }) {
  const { allowed } = await requirePage("/reports/daily", "reports.daily");
  const sp = await searchParams;
  const appLang: ReportLang = await getLocale();
  // The report is in the app's language unless ?lang= asks for the other one (e.g. an English copy for the state).
  const lang: ReportLang = isReportLang(one(sp.lang)) ? (one(sp.lang) as ReportLang) : appLang;
  // Within a district's pages (/districts/<slug>/reports/daily) the links and downloads stay on that district.
  const district = (await pageDistrict()) ?? undefined;
  const pageBase = district ? `/districts/${encodeURIComponent(district)}/reports/daily` : "/reports/daily";
  const pageHref = (params: { block?: string; lang: ReportLang }) => href(params, appLang, pageBase);
  const downloadHref = (params: { block?: string; lang: ReportLang; format: "pdf" | "csv" }) => href({ ...params, district }, "en", "/api/v1/reports/daily");
  const t = await getTranslations("reportPage");
  if (!allowed) return <p className="notice error">{t("notAllowed")}</p>;

  const wanted = one(sp.block)?.trim().slice(0, 60);
  const caller = await pageCaller();
  const daily = await caller.reports.getDaily(wanted ? { block: wanted } : undefined).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND" && wanted) return null;
    throw error;
  });
  if (!daily) {
    // An unknown block and one outside the caller's scope read the same.
    const link = (chunks: ReactNode) => <Link href={pageHref({ lang })}>{chunks}</Link>;
    return <p className="notice error">{t.rich("noBlock", { block: wanted ?? "", link })}</p>;
  }
  const { report, blocks } = daily;
  const slug = report.scope.kind === "block" && blocks.length > 0 ? report.scope.slug : undefined;
  const narrowable = blocks.length > 0;
  const nonce = await requestNonce();

  return (
    <div className="daily-report-page">
      <div className="daily-report-toolbar no-print">
        {narrowable ? (
          <form method="get" action={pageBase} className="daily-report-scope">
            <label>
              {t("chooseBlock")}{" "}
              <select name="block" defaultValue={slug ?? ""}>
                <option value="">{t("wholeDistrict")}</option>
                {blocks.map((b) => (
                  <option key={b.id} value={b.slug}>
                    {appLang === "hi" ? b.nameHi : b.name}
                  </option>
                ))}
              </select>
            </label>
            {lang !== appLang ? <input type="hidden" name="lang" value={lang} /> : null}
            <button type="submit">{t("show")}</button>
          </form>
        ) : null}
        <nav aria-label={t("languageLabel")} className="daily-report-langs">
          {REPORT_LANGS.map((l) => (
            <Link key={l} href={pageHref({ block: slug, lang: l })} lang={l} aria-current={l === lang ? "true" : undefined}>
              {DAILY_REPORT_TEXT[l].languageName}
            </Link>
          ))}
        </nav>
        <a className="daily-report-download" href={downloadHref({ block: slug, lang, format: "pdf" })} download>
          {t("downloadPdf")}
        </a>
        <a className="daily-report-download" href={downloadHref({ block: slug, lang, format: "csv" })} download>
          {t("downloadCsv")}
        </a>
      </div>
      {/* Shared with the PDF's HTML, hence inline; the CSP admits a <style> element only with the nonce. */}
      <style nonce={nonce}>{DAILY_REPORT_CSS}</style>
      <div className="daily-report-sheet">
        <DailyReportView report={report} lang={lang} />
      </div>
    </div>
  );
}
