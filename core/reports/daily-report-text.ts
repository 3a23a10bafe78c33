/**
 * Every visible string of the daily review report, in English and Hindi, with the number and date formats of each.
 * Counts use Indian grouping in both languages (2,150; 2,07,338), as the dashboard does; times are IST.
 */
import { IST } from "@/core/time/ist";
import type { AnomalyKind } from "@/server/generated/prisma/enums";
import type { ForecastStatus } from "@/core/domain/burn-down";

export const REPORT_LANGS = ["en", "hi"] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

export function isReportLang(value: unknown): value is ReportLang {
  return value === "en" || value === "hi";
}

type Texts = {
  htmlLang: string;
  languageName: string;
  title: string;
  /** The area named from the data (the district's name in the report's language), never from code. */
  scopeDistrict: (district: string) => string;
  scopeBlock: (block: string, district: string) => string;
  generatedAt: (when: string) => string;
  deadlineNote: (hours: number) => string;
  backlogHeading: string;
  block: string;
  vaccinated: string;
  entered: string;
  pending: string;
  rejected: string;
  overdue: string;
  dueWithin6h: string;
  districtTotal: string;
  riskHeading: string;
  overdueBlocksHeading: string;
  noOverdue: string;
  atRiskHeading: (hours: number) => string;
  noAtRisk: string;
  moreAtRisk: (n: number) => string;
  willMiss: string;
  firstMiss: string;
  clearsAt: string;
  ratePerHour: string;
  never: string;
  forecastStatus: Record<ForecastStatus, string>;
  campsHeading: string;
  campsYesterday: (day: string) => string;
  noCampsYesterday: (yesterday: string, day: string) => string;
  noCampsEver: string;
  megaCamp: (name: string) => string;
  campsCount: string;
  site: string;
  total: string;
  portalHeading: string;
  portalWindow: (from: string, to: string) => string;
  noTargets: string;
  target: string;
  uptime: string;
  usableHours: string;
  downMinutes: string;
  slowMinutes: string;
  noData: string;
  incidents: string;
  noIncidents: string;
  start: string;
  end: string;
  duration: string;
  state: string;
  firstError: string;
  ongoing: string;
  paused: string;
  stateName: Record<"DOWN" | "DEGRADED", string>;
  anomaliesHeading: string;
  anomaliesOpen: (n: string) => string;
  noAnomalies: string;
  kind: string;
  count: string;
  oldest: string;
  noBlock: string;
  anomalyKind: Record<AnomalyKind, string>;
  downloadPdf: string;
  downloadCsv: string;
  print: string;
  chooseBlock: string;
  wholeDistrict: string;
  show: string;
  footer: string;
};

const en: Texts = {
  htmlLang: "en",
  languageName: "English",
  title: "Daily review report",
  scopeDistrict: (district) => `${district} district — all blocks`,
  scopeBlock: (block, district) => `${block} block, ${district}`,
  generatedAt: (when) => `Generated ${when}`,
  deadlineNote: (hours) => `Entries must reach the portal within ${hours} h of vaccination.`,
  backlogHeading: "Backlog by block",
  block: "Block",
  vaccinated: "Vaccinated",
  entered: "Entered",
  pending: "Pending",
  rejected: "Rejected",
  overdue: "Overdue (48 h+)",
  dueWithin6h: "Due within 6 h",
  districtTotal: "District total",
  riskHeading: "Overdue and at-risk blocks",
  overdueBlocksHeading: "Blocks with overdue entries",
  noOverdue: "No entry is past the 48-hour deadline.",
  atRiskHeading: (hours) => `At risk: at the rate of the last ${hours} working hours, more entries will cross 48 h (times IST)`,
  noAtRisk: "No block is forecast to miss the deadline.",
  moreAtRisk: (n) => `… and ${n} more ${n === 1 ? "block" : "blocks"} at risk: the full list is in the CSV and on the dashboard.`,
  willMiss: "Will cross 48 h",
  firstMiss: "First miss",
  clearsAt: "Clears at",
  ratePerHour: "Entries / h",
  never: "never at this rate",
  forecastStatus: { CLEAR: "Clear", NO_RATE: "No entries yet", STALLED: "Stalled", ON_TRACK: "On track", AT_RISK: "At risk" },
  campsHeading: "Yesterday's camps",
  campsYesterday: (day) => `Camps held on ${day}.`,
  noCampsYesterday: (yesterday, day) => `No camp was held yesterday (${yesterday}). Shown instead: the most recent camp day, ${day}.`,
  noCampsEver: "No camp has been held yet.",
  megaCamp: (name) => `Mega camp: ${name}`,
  campsCount: "Camps",
  site: "Site",
  total: "Total",
  portalHeading: "Portal uptime, last 24 hours",
  portalWindow: (from, to) => `${from} to ${to}`,
  noTargets: "No portal probe is set up.",
  target: "Portal",
  uptime: "Uptime",
  usableHours: "Usable hours",
  downMinutes: "Down (min)",
  slowMinutes: "Slow (min)",
  noData: "no data",
  incidents: "Incidents",
  noIncidents: "No incident in the last 24 hours.",
  start: "Start",
  end: "End",
  duration: "Duration",
  state: "State",
  firstError: "First error",
  ongoing: "ongoing",
  paused: "paused",
  stateName: { DOWN: "Down", DEGRADED: "Slow" },
  anomaliesHeading: "Top anomalies (open)",
  anomaliesOpen: (n) => `${n} open in all.`,
  noAnomalies: "No open anomaly.",
  kind: "Kind",
  count: "Open",
  oldest: "Oldest since",
  noBlock: "No block",
  anomalyKind: {
    DOSE_MISMATCH: "Dose mismatch",
    NO_REGISTER_ROW: "No register row",
    AMBIGUOUS_MATCH: "Ambiguous match",
    DATE_MISMATCH: "Date mismatch",
  },
  downloadPdf: "Download PDF",
  downloadCsv: "Download CSV",
  print: "Print",
  chooseBlock: "Report for",
  wholeDistrict: "Whole district",
  show: "Show",
  footer: "Teeka Monitor · figures as on the dashboard at the time above",
};

const hi: Texts = {
  htmlLang: "hi",
  languageName: "हिन्दी",
  title: "दैनिक समीक्षा रिपोर्ट",
  scopeDistrict: (district) => `${district} ज़िला — सभी प्रखंड`,
  scopeBlock: (block, district) => `${block} प्रखंड, ${district}`,
  generatedAt: (when) => `तैयार: ${when}`,
  deadlineNote: (hours) => `टीकाकरण के ${hours} घंटे के भीतर प्रविष्टि पोर्टल पर होनी चाहिए।`,
  backlogHeading: "प्रखंडवार लंबित प्रविष्टियाँ",
  block: "प्रखंड",
  vaccinated: "टीकाकृत",
  entered: "दर्ज",
  pending: "लंबित",
  rejected: "अस्वीकृत",
  overdue: "समय-सीमा पार (48 घंटे+)",
  dueWithin6h: "6 घंटे में देय",
  districtTotal: "ज़िला कुल",
  riskHeading: "समय-सीमा पार और जोखिम वाले प्रखंड",
  overdueBlocksHeading: "समय-सीमा पार प्रविष्टियों वाले प्रखंड",
  noOverdue: "कोई प्रविष्टि 48 घंटे की समय-सीमा पार नहीं है।",
  atRiskHeading: (hours) => `जोखिम: पिछले ${hours} कार्य-घंटों की दर से और प्रविष्टियाँ 48 घंटे पार करेंगी (समय IST)`,
  noAtRisk: "किसी प्रखंड के समय-सीमा चूकने का अनुमान नहीं है।",
  moreAtRisk: (n) => `… और ${n} प्रखंड जोखिम में: पूरी सूची CSV और डैशबोर्ड पर है।`,
  willMiss: "48 घंटे पार करेंगी",
  firstMiss: "पहली चूक",
  clearsAt: "पूरा होगा",
  ratePerHour: "प्रविष्टि / घंटा",
  never: "इस दर से कभी नहीं",
  forecastStatus: { CLEAR: "पूरा", NO_RATE: "अभी कोई प्रविष्टि नहीं", STALLED: "रुका हुआ", ON_TRACK: "समय पर", AT_RISK: "जोखिम में" },
  campsHeading: "कल के शिविर",
  campsYesterday: (day) => `${day} को लगे शिविर।`,
  noCampsYesterday: (yesterday, day) => `कल (${yesterday}) कोई शिविर नहीं लगा। इसके बदले सबसे हाल का शिविर दिवस दिखाया गया है: ${day}।`,
  noCampsEver: "अभी तक कोई शिविर नहीं लगा है।",
  megaCamp: (name) => `महा शिविर: ${name}`,
  campsCount: "शिविर",
  site: "स्थल",
  total: "कुल",
  portalHeading: "पोर्टल की उपलब्धता, पिछले 24 घंटे",
  portalWindow: (from, to) => `${from} से ${to} तक`,
  noTargets: "कोई पोर्टल जाँच स्थापित नहीं है।",
  target: "पोर्टल",
  uptime: "उपलब्धता",
  usableHours: "उपयोगी घंटे",
  downMinutes: "बंद (मिनट)",
  slowMinutes: "धीमा (मिनट)",
  noData: "डेटा नहीं",
  incidents: "घटनाएँ",
  noIncidents: "पिछले 24 घंटों में कोई घटना नहीं।",
  start: "शुरू",
  end: "समाप्त",
  duration: "अवधि",
  state: "स्थिति",
  firstError: "पहली त्रुटि",
  ongoing: "जारी",
  paused: "रुकी हुई",
  stateName: { DOWN: "बंद", DEGRADED: "धीमा" },
  anomaliesHeading: "प्रमुख विसंगतियाँ (खुली)",
  anomaliesOpen: (n) => `कुल ${n} खुली।`,
  noAnomalies: "कोई खुली विसंगति नहीं।",
  kind: "प्रकार",
  count: "खुली",
  oldest: "सबसे पुरानी",
  noBlock: "प्रखंड नहीं",
  anomalyKind: {
    DOSE_MISMATCH: "खुराक बेमेल",
    NO_REGISTER_ROW: "रजिस्टर में पंक्ति नहीं",
    AMBIGUOUS_MATCH: "अस्पष्ट मिलान",
    DATE_MISMATCH: "तारीख बेमेल",
  },
  downloadPdf: "PDF डाउनलोड करें",
  downloadCsv: "CSV डाउनलोड करें",
  print: "प्रिंट करें",
  chooseBlock: "रिपोर्ट",
  wholeDistrict: "पूरा ज़िला",
  show: "दिखाएँ",
  footer: "टीका मॉनिटर · ऊपर दिए समय पर डैशबोर्ड के आँकड़े",
};

export const DAILY_REPORT_TEXT: Record<ReportLang, Texts> = { en, hi };

const COUNT = new Intl.NumberFormat("en-IN");
const DECIMAL = new Intl.NumberFormat("en-IN", { maximumFractionDigits: 1 });
const PERCENT = new Intl.NumberFormat("en-IN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const DATE_TIME: Record<ReportLang, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat("en-IN", { timeZone: IST, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false }),
  hi: new Intl.DateTimeFormat("hi-IN", { timeZone: IST, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, numberingSystem: "latn" }),
};
const SHORT: Record<ReportLang, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat("en-IN", { timeZone: IST, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hour12: false }),
  hi: new Intl.DateTimeFormat("hi-IN", { timeZone: IST, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hour12: false, numberingSystem: "latn" }),
};
const DAY: Record<ReportLang, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat("en-IN", { timeZone: "UTC", weekday: "short", day: "numeric", month: "long", year: "numeric" }),
  hi: new Intl.DateTimeFormat("hi-IN", { timeZone: "UTC", weekday: "short", day: "numeric", month: "long", year: "numeric", numberingSystem: "latn" }),
};

/** Formatting helpers bound to one language. */
export function reportFormat(lang: ReportLang) {
  const t = DAILY_REPORT_TEXT[lang];
  return {
    lang,
    t,
    count: (n: number) => COUNT.format(n),
    decimal: (n: number) => DECIMAL.format(n),
    percent: (p: number | null) => (p === null ? t.noData : `${PERCENT.format(p)} %`),
    dateTime: (d: Date) => `${DATE_TIME[lang].format(d)} IST`,
    /** Day, month and time (IST) without the year, for table cells; the heading says the times are IST. */
    shortDateTime: (d: Date) => SHORT[lang].format(d),
    /** An IST calendar day given as yyyy-MM-dd. */
    day: (key: string) => DAY[lang].format(new Date(`${key}T00:00:00Z`)),
    duration: (seconds: number) => {
      const minutes = Math.round(seconds / 60);
      const h = Math.floor(minutes / 60);
      const m = minutes % 60;
      return lang === "hi" ? (h > 0 ? `${h} घंटे ${m} मिनट` : `${m} मिनट`) : h > 0 ? `${h} h ${String(m).padStart(2, "0")} min` : `${m} min`;
    },
    blockName: (b: { block: string; blockHi: string }) => (lang === "hi" ? b.blockHi : b.block),
  };
}
