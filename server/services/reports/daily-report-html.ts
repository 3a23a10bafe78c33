/**
 * The daily report as one self-contained HTML document for the PDF printer: the page's own component rendered to
 * static markup, its CSS inline, and Noto Sans Devanagari (from @fontsource, in node_modules) inlined as data URLs,
 * so Chromium needs nothing from the network and shapes Devanagari itself.
 *
 * react-dom/server is loaded with Node's own require at run time. Next.js bundles route handlers for React Server
 * Components, where react-dom/server is replaced by a stub that throws; the report component has no hooks or
 * context, so the elements it creates render the same with the plain Node build.
 */
import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import type { DailyReport } from "@/server/services/reports/daily-report";
import { DailyReportView } from "@/core/reports/daily-report-view";
import { DAILY_REPORT_CSS } from "@/core/reports/daily-report-css";
import { DAILY_REPORT_TEXT, type ReportLang } from "@/core/reports/daily-report-text";

type NodeRequire = (id: string) => unknown;

/** A require that bundlers cannot see through: resolved from the app's root at run time. */
function runtimeRequire(): NodeRequire & { resolve: (id: string) => string } {
  const mod = process.getBuiltinModule("node:module") as typeof import("node:module");
  return mod.createRequire(path.join(process.cwd(), "package.json")) as NodeRequire & { resolve: (id: string) => string };
}

const FONT_FILES = [
  { subset: "devanagari", range: "U+0900-097F,U+1CD0-1CF9,U+200C-200D,U+20A8,U+20B9,U+20F0,U+25CC,U+A830-A839,U+A8E0-A8FF,U+11B00-11B09" },
  { subset: "latin-ext", range: "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF" },
  { subset: "latin", range: "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD" },
] as const;

let fontCss: string | null = null;

/** @font-face rules with the woff2 files as data URLs (about 180 kB, read once). */
export function inlineFontCss(): string {
  if (fontCss !== null) return fontCss;
  const dir = path.join(path.dirname(runtimeRequire().resolve("@fontsource/noto-sans-devanagari/package.json")), "files");
  const rules: string[] = [];
  for (const weight of [400, 700]) {
    for (const { subset, range } of FONT_FILES) {
      const data = readFileSync(path.join(dir, `noto-sans-devanagari-${subset}-${weight}-normal.woff2`)).toString("base64");
      rules.push(
        `@font-face{font-family:"Noto Sans Devanagari";font-style:normal;font-weight:${weight};font-display:block;` +
          `src:url(data:font/woff2;base64,${data}) format("woff2");unicode-range:${range};}`,
      );
    }
  }
  fontCss = rules.join("\n");
  return fontCss;
}

const PAGE_CSS = `@page{size:A4;margin:10mm}html,body{margin:0;padding:0;background:#fff}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}`;

export function renderDailyReportHtml(report: DailyReport, lang: ReportLang): string {
  const { renderToStaticMarkup } = runtimeRequire()("react-dom/server") as typeof import("react-dom/server");
  const body = renderToStaticMarkup(createElement(DailyReportView, { report, lang }));
  const t = DAILY_REPORT_TEXT[lang];
  return (
    `<!DOCTYPE html><html lang="${t.htmlLang}"><head><meta charset="utf-8"><title>${t.title}</title>` +
    `<style>${inlineFontCss()}\n${PAGE_CSS}\n${DAILY_REPORT_CSS}</style></head><body>${body}</body></html>`
  );
}
