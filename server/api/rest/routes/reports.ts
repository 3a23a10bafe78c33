import "server-only";
import { z } from "zod";
import { defineRoute } from "@/server/api/rest/route";
import { csvTextResponse, safeFileName } from "@/server/api/rest/responses";
import { ZBlockRef } from "@/core/contracts/ids";
import { AppError } from "@/server/errors/app-error";
import { safeCsvLines, UTF8_BOM } from "@/server/services/imports/csv-safe";
import { istDateKey } from "@/core/time/ist";
import { resolveOptionalBlock } from "@/server/services/backlog/blocks";
import { buildDailyReport } from "@/server/services/reports/daily-report";
import { dailyReportCsvRows } from "@/server/services/reports/daily-report-csv";
import { renderDailyReportHtml } from "@/server/services/reports/daily-report-html";
import { htmlToPdf, PdfUnavailableError } from "@/server/services/reports/pdf";

/** The daily review report of the caller's scope (or, for the district officer, of one block) as PDF, CSV or JSON. */
export const dailyReportRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/reports/daily",
    operationId: "getDailyReport",
    summary: "The daily review report (backlog, overdue and at-risk blocks, yesterday's camps, portal uptime and incidents over 24 h, top anomalies)",
    description:
      "The district officer gets the district (or one block with `block`); block staff get their own block. The PDF is one A4 page rendered on the server with Chromium; 503 with a reason when Chromium is unavailable. The CSV has one section after another, each with a `# name` row and a header row.",
    tags: ["reports"],
    capability: "reports.daily",
    query: {
      format: z.enum(["json", "csv", "pdf"], "format must be pdf, csv or json").default("json"),
      block: ZBlockRef.optional(),
      lang: z.enum(["en", "hi"], 'lang must be "en" or "hi"').default("en").describe("language of the PDF"),
    },
    responses: { description: "The report", json: z.looseObject({ generatedAt: z.iso.datetime() }), csv: true, pdf: true },
    errors: [503],
  },
  async ({ db, scope, now, query, req }) => {
    const block = await resolveOptionalBlock(db, scope, query.block);
    const report = await buildDailyReport(db, scope, now, { blockId: block?.id });
    const name = safeFileName(`daily-report-${report.scope.slug}-${istDateKey(now)}`);
    if (query.format === "json") return report;
    if (query.format === "csv") return csvTextResponse(`${name}.csv`, UTF8_BOM + safeCsvLines(dailyReportCsvRows(report)));
    try {
      const pdf = await htmlToPdf(renderDailyReportHtml(report, query.lang));
      return new Response(new Uint8Array(pdf), {
        headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${name}${query.lang === "hi" ? "-hi" : ""}.pdf"` },
      });
    } catch (error) {
      if (!(error instanceof PdfUnavailableError)) throw error;
      const url = new URL(req.url);
      const csv = `${url.pathname}?${new URLSearchParams({ ...Object.fromEntries(url.searchParams), format: "csv" })}`;
      throw new AppError("UNAVAILABLE", "pdfUnavailable", { reason: error.message, csv }, { retryAfterSeconds: 60 });
    }
  },
);
