import Link from "next/link";
import { requireUser } from "@/server/auth/page-guard";
import { canSeeBlock } from "@/server/auth/scope";
import { getDb } from "@/server/db/client";
import { findBlockByNameOrSlug, listAllBlocks } from "@/server/services/blocks";
import { buildDailyReport, reportScopeFor } from "@/server/services/daily-report";
import { DailyReportView } from "@/app/_components/daily-report-view";
import { DAILY_REPORT_CSS } from "@/app/_components/daily-report-css";
import { DAILY_REPORT_TEXT, REPORT_LANGS, isReportLang, type ReportLang } from "@/app/_components/daily-report-text";

export const dynamic = "force-dynamic";

export const metadata = { title: "Daily report — Teeka Monitor" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function href(params: { block?: string; lang: ReportLang; format?: "pdf" | "csv" }, base = "/reports/daily"): string {
  const q = new URLSearchParams();
  if (params.format) q.set("format", params.format);
  if (params.block) q.set("block", params.block);
  if (params.lang !== "en" || params.format === "pdf") q.set("lang", params.lang);
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

export default async function DailyReportPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("/reports/daily");
  const sp = await searchParams;
  const lang: ReportLang = isReportLang(one(sp.lang)) ? (one(sp.lang) as ReportLang) : "en";
  const t = DAILY_REPORT_TEXT[lang];
  const scope = reportScopeFor(user);
  if (!scope) return <p className="notice error">The daily report is for the district officer and block staff. Ask the district officer for a copy.</p>;

  const db = getDb();
  const wanted = one(sp.block)?.trim();
  let blockId: number | undefined;
  if (wanted) {
    const block = await findBlockByNameOrSlug(db, wanted);
    if (!block) return <p className="notice error">There is no block “{wanted}”. <Link href={href({ lang })}>Show the report without a block</Link>.</p>;
    if (!canSeeBlock(scope, block.id)) return <p className="notice error">You may see only your own block’s report, not {block.name}’s. <Link href={href({ lang })}>Show your report</Link>.</p>;
    blockId = block.id;
  }
  const [report, blocks] = await Promise.all([buildDailyReport(db, scope, new Date(), { blockId }), scope.kind === "district" ? listAllBlocks(db) : []]);
  const slug = report.scope.kind === "block" && scope.kind === "district" ? report.scope.slug : undefined;

  return (
    <div className="daily-report-page">
      <div className="daily-report-toolbar no-print">
        {scope.kind === "district" ? (
          <form method="get" action="/reports/daily" className="daily-report-scope">
            <label>
              {t.chooseBlock}{" "}
              <select name="block" defaultValue={slug ?? ""}>
                <option value="">{t.wholeDistrict}</option>
                {blocks.map((b) => (
                  <option key={b.id} value={b.slug}>
                    {lang === "hi" ? b.nameHi : b.name}
                  </option>
                ))}
              </select>
            </label>
            {lang === "hi" ? <input type="hidden" name="lang" value="hi" /> : null}
            <button type="submit">{t.show}</button>
          </form>
        ) : null}
        <nav aria-label="Report language" className="daily-report-langs">
          {REPORT_LANGS.map((l) => (
            <Link key={l} href={href({ block: slug, lang: l })} lang={l} aria-current={l === lang ? "true" : undefined}>
              {DAILY_REPORT_TEXT[l].languageName}
            </Link>
          ))}
        </nav>
        <a className="daily-report-download" href={href({ block: slug, lang, format: "pdf" }, "/api/v1/reports/daily")} download>
          {t.downloadPdf}
        </a>
        <a className="daily-report-download" href={href({ block: slug, lang, format: "csv" }, "/api/v1/reports/daily")} download>
          {t.downloadCsv}
        </a>
      </div>
      <style>{DAILY_REPORT_CSS}</style>
      <div className="daily-report-sheet">
        <DailyReportView report={report} lang={lang} />
      </div>
    </div>
  );
}
