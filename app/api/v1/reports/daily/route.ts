import { z } from "zod";
import { authenticate, problem } from "@/server/api/rest";
import { canSeeBlock } from "@/server/auth/scope";
import { safeCsvLines, UTF8_BOM } from "@/server/imports/csv-safe";
import { findBlockByNameOrSlug } from "@/server/services/blocks";
import { buildDailyReport, reportScopeFor } from "@/server/services/daily-report";
import { dailyReportCsvRows } from "@/server/services/daily-report-csv";
import { renderDailyReportHtml } from "@/server/reports/daily-report-html";
import { htmlToPdf, PdfUnavailableError } from "@/server/reports/pdf";
import { istDateKey } from "@/server/domain/ist";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const ZQuery = z.strictObject({
  format: z.enum(["json", "csv", "pdf"], "format must be pdf, csv or json").default("json"),
  block: z.string().trim().min(1, "block must not be empty").max(60).optional(),
  lang: z.enum(["en", "hi"], 'lang must be "en" or "hi"').default("en"),
});

const NO_STORE = { "cache-control": "no-store" };

/** The daily review report of the caller's scope (or, for the district officer, of one block) as PDF, CSV or JSON. */
export async function GET(req: Request) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const { db, user, now } = caller;
  const scope = reportScopeFor(user);
  if (!scope) return problem(403, "The daily report is for the district officer and block staff.");

  const url = new URL(req.url);
  const keys = [...url.searchParams.keys()];
  if (new Set(keys).size !== keys.length) return problem(400, "Each query parameter may appear once.");
  const parsed = ZQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    return problem(
      400,
      parsed.error.issues
        .map((i) => (i.code === "unrecognized_keys" ? `Unknown parameter(s): ${i.keys.join(", ")}; only "format", "block" and "lang" are accepted.` : i.message))
        .join(" "),
    );
  }
  const { format, lang } = parsed.data;

  let blockId: number | undefined;
  if (parsed.data.block) {
    const block = await findBlockByNameOrSlug(db, parsed.data.block);
    if (!block) return problem(400, `Unknown block "${parsed.data.block}".`);
    if (!canSeeBlock(scope, block.id)) return problem(403, `You may read only your own block's report, not ${block.name}'s.`);
    blockId = block.id;
  }

  const report = await buildDailyReport(db, scope, now, { blockId });
  const name = `daily-report-${report.scope.kind === "district" ? "bhagalpur" : report.scope.slug}-${istDateKey(now)}`;
  if (format === "json") return Response.json(report, { headers: NO_STORE });
  if (format === "csv") {
    return new Response(UTF8_BOM + safeCsvLines(dailyReportCsvRows(report)), {
      headers: { ...NO_STORE, "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}.csv"` },
    });
  }
  try {
    const pdf = await htmlToPdf(renderDailyReportHtml(report, lang));
    return new Response(new Uint8Array(pdf), {
      headers: { ...NO_STORE, "content-type": "application/pdf", "content-disposition": `attachment; filename="${name}${lang === "hi" ? "-hi" : ""}.pdf"` },
    });
  } catch (error) {
    if (error instanceof PdfUnavailableError) return problem(503, error.message, { csv: `${url.pathname}?${new URLSearchParams({ ...Object.fromEntries(url.searchParams), format: "csv" })}` });
    throw error;
  }
}
