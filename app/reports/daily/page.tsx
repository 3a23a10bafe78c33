import Link from "next/link";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/server/auth/page-guard";
import { requestNonce } from "@/server/http/request-nonce";
import { canSeeBlock } from "@/server/auth/scope";
import { getDb } from "@/server/db/client";
import { findBlockByNameOrSlug, listAllBlocks } from "@/server/services/blocks";
import { buildDailyReport, reportScopeFor } from "@/server/services/daily-report";
import { DailyReportView } from "@/app/_components/daily-report-view";
import { DAILY_REPORT_CSS } from "@/app/_components/daily-report-css";
import { DAILY_REPORT_TEXT, REPORT_LANGS, isReportLang, type ReportLang } from "@/app/_components/daily-report-text";

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
function href(params: { block?: string; lang: ReportLang; format?: "pdf" | "csv" }, defaultLang: ReportLang, base = "/reports/daily"): string {
  const q = new URLSearchParams();
  if (params.format) q.set("format", params.format);
  if (params.block) q.set("block", params.block);
  if (params.lang !== defaultLang || params.format === "pdf") q.set("lang", params.lang);
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

export default async function DailyReportPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("/reports/daily");
  const sp = await searchParams;
  const appLang: ReportLang = await getLocale();
  // The report is in the app's language unless ?lang= asks for the other one (e.g. an English copy for the state).
  const lang: ReportLang = isReportLang(one(sp.lang)) ? (one(sp.lang) as ReportLang) : appLang;
  const pageHref = (params: { block?: string; lang: ReportLang }) => href(params, appLang);
  const downloadHref = (params: { block?: string; lang: ReportLang; format: "pdf" | "csv" }) => href(params, "en", "/api/v1/reports/daily");
  const t = await getTranslations("reportPage");
  const scope = reportScopeFor(user);
  if (!scope) return <p className="notice error">{t("notAllowed")}</p>;

  const db = getDb();
  const wanted = one(sp.block)?.trim();
  let blockId: number | undefined;
  if (wanted) {
    const block = await findBlockByNameOrSlug(db, wanted);
    const link = (chunks: ReactNode) => <Link href={pageHref({ lang })}>{chunks}</Link>;
    if (!block) return <p className="notice error">{t.rich("noBlock", { block: wanted, link })}</p>;
    if (!canSeeBlock(scope, block.id)) return <p className="notice error">{t.rich("notYourBlock", { block: appLang === "hi" ? block.nameHi : block.name, link })}</p>;
    blockId = block.id;
  }
  const [report, blocks] = await Promise.all([buildDailyReport(db, scope, new Date(), { blockId }), scope.kind === "district" ? listAllBlocks(db) : []]);
  const slug = report.scope.kind === "block" && scope.kind === "district" ? report.scope.slug : undefined;
  const nonce = await requestNonce();

  return (
    <div className="daily-report-page">
      <div className="daily-report-toolbar no-print">
        {scope.kind === "district" ? (
          <form method="get" action="/reports/daily" className="daily-report-scope">
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
