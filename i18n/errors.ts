/**
 * Errors from the server in the active language. Services throw English messages (they also reach the REST API,
 * logs and tests), so the browser translates them here: a known message (exact text or pattern) becomes its catalog
 * entry; any other error gets the Hindi sentence for its tRPC code with the English detail in brackets; invalid
 * input (zod) says which fields. In English the server's own message is shown, as before.
 * To translate one more server message: add it to KNOWN below and its key to errors.known in both catalogs.
 */
import { useLocale, useTranslations } from "next-intl";
import { HELPDESK_QUERY_MESSAGES, MIN_NAME_LETTERS, MIN_SERIAL_CHARS, type HelpdeskQueryProblem } from "@/server/domain/helpdesk-query";

type ErrorLike = { message: string; data?: { code?: string; zodError?: string[] | null } | null } | Error | null | undefined;

const CODES = ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "BAD_REQUEST", "CONFLICT", "TOO_MANY_REQUESTS", "INTERNAL_SERVER_ERROR"] as const;
type Code = (typeof CODES)[number];

type Translate = ReturnType<typeof useTranslations<"errors">>;
type Helpdesk = ReturnType<typeof useTranslations<"helpdesk.problems">>;

/** Exact English server messages and the keys of their translations. */
const KNOWN: Record<
  string,
  | "noScope"
  | "roleNotAllowed"
  | "helpdeskOnly"
  | "timelinessReversed"
  | "probeRangeInvalid"
  | "probeRangeReversed"
  | "maintenanceReversed"
  | "maintenanceReasonEmpty"
  | "probeKeywordHead"
  | "probeNameEmpty"
> = {
  "Your account has no block or district assigned.": "noScope",
  "Your role does not allow this.": "roleNotAllowed",
  "The helpdesk role can look up one beneficiary at a time; this needs another role.": "helpdeskOnly",
  // server/services/timeliness.ts
  'The date range is reversed or empty: "from" must be before "to". Swap the two dates.': "timelinessReversed",
  // server/api/schemas/probe-target.ts (zod issues: the part after "field: ")
  "from and to must be valid dates (ISO 8601).": "probeRangeInvalid",
  "from must be before to; swap them.": "probeRangeReversed",
  "endsAt must be after startsAt; swap them or correct the end.": "maintenanceReversed",
  "reason must not be empty: say what the maintenance is for.": "maintenanceReasonEmpty",
  "A keyword cannot be checked with HEAD (the answer has no body); use GET, or remove the keyword.": "probeKeywordHead",
  'name must not be empty: give the target a short label such as "National portal".': "probeNameEmpty",
};

const PROBE_FIELDS = ["intervalSeconds", "timeoutMs", "slowMs", "retries"] as const;
type ProbeField = (typeof PROBE_FIELDS)[number];
const isProbeField = (field: string): field is ProbeField => (PROBE_FIELDS as readonly string[]).includes(field);

/** Server messages with figures in them: a pattern and how to say it (the English text is the server's own). */
const PATTERNS: readonly (readonly [RegExp, (m: RegExpExecArray, t: Translate) => string | null])[] = [
  // server/services/camp-range.ts
  [/^"(from|to)" must be a date written yyyy-mm-dd, not "(.*)"\.$/, (m, t) => t("known.campBadDate", { name: m[1] ?? "", value: m[2] ?? "" })],
  [/^The date range is reversed: "from" \((.+)\) is after "to" \((.+)\)\. Swap the two dates\.$/, (m, t) => t("known.campRangeReversed", { from: m[1] ?? "", to: m[2] ?? "" })],
  [
    /^The date range covers (\d+) days; it may cover at most a year \((\d+) days\)\. Choose a shorter range\.$/,
    (m, t) => t("known.campRangeTooLong", { days: m[1] ?? "", max: m[2] ?? "" }),
  ],
  [
    /^Hourly trends cover at most (\d+) days and this range has (\d+); choose "by day" or a shorter range\.$/,
    (m, t) => t("known.campHourlyTooLong", { max: m[1] ?? "", days: m[2] ?? "" }),
  ],
  // server/services/timeliness.ts
  [/^The date range is longer than a year; choose at most (\d+) days\.$/, (m, t) => t("known.timelinessTooLong", { max: m[1] ?? "" })],
  // server/api/schemas/probe-target.ts
  [/^The range is longer than (\d+) days; choose a shorter one\.$/, (m, t) => t("known.probeRangeTooLong", { max: m[1] ?? "" })],
  [
    /^A maintenance window may last at most (\d+) days; split a longer one, or pause the target instead\.$/,
    (m, t) => t("known.maintenanceTooLong", { max: m[1] ?? "" }),
  ],
  [/^timeoutMs \((\d+)\) must be less than intervalSeconds × 1000 \((\d+)\), /, (m, t) => t("known.probeTimeoutVsInterval", { timeout: m[1] ?? "", interval: m[2] ?? "" })],
  [/^slowMs \((\d+)\) must be less than timeoutMs \((\d+)\); /, (m, t) => t("known.probeSlowVsTimeout", { slow: m[1] ?? "", timeout: m[2] ?? "" })],
  [/^url refused: (.*)\. Give a full http:\/\/ or https:\/\/ address of the portal\.$/, (m, t) => t("known.probeUrlRefused", { reason: m[1] ?? "" })],
  [/^(\w+) must be a (?:whole )?number \((?:seconds|milliseconds|retries)\)\.$/, (m, t) => (isProbeField(m[1] ?? "") ? t("known.probeNotNumber", { field: t(`known.probeFields.${m[1] as ProbeField}`) }) : null)],
  [
    /^(\w+) must be at least (\d+) (?:seconds|milliseconds|retries)\.$/,
    (m, t) => (isProbeField(m[1] ?? "") ? t("known.probeAtLeast", { field: t(`known.probeFields.${m[1] as ProbeField}`), min: m[2] ?? "" }) : null),
  ],
  [
    /^(\w+) must be at most (\d+) (?:seconds|milliseconds|retries)\.$/,
    (m, t) => (isProbeField(m[1] ?? "") ? t("known.probeAtMost", { field: t(`known.probeFields.${m[1] as ProbeField}`), max: m[2] ?? "" }) : null),
  ],
];

/** A known server message in the active (non-English) language, or null. */
function knownMessage(message: string, t: Translate): string | null {
  const known = KNOWN[message];
  if (known) return t(`known.${known}`);
  for (const [pattern, say] of PATTERNS) {
    const m = pattern.exec(message);
    if (m) {
      const text = say(m, t);
      if (text) return text;
    }
  }
  return null;
}

/** A zod issue as the server formats it ("to: from must be before to; swap them."), translated if known. */
function knownIssue(issue: string, t: Translate): string | null {
  return knownMessage(issue, t) ?? knownMessage(issue.replace(/^[\w.]+: /, ""), t);
}

const HELPDESK_PROBLEMS = new Map<string, HelpdeskQueryProblem | "blockUnknown">([
  ...Object.entries(HELPDESK_QUERY_MESSAGES).map(([k, v]) => [v, k as HelpdeskQueryProblem] as const),
  ["There is no such block; choose one from the list.", "blockUnknown"],
]);
const RATE_LIMIT = /^You have made (\d+) searches in the last (\d+) minutes, the most allowed\. Try again in (\d+) minutes?\.$/;

function codeOf(error: ErrorLike): Code | null {
  const code = error && "data" in error ? error.data?.code : undefined;
  return (CODES as readonly string[]).includes(code ?? "") ? (code as Code) : null;
}

export function translateError(error: ErrorLike, t: Translate, problems: Helpdesk, locale: string): string {
  if (!error) return "";
  const message = error.message;
  const zod = "data" in error ? error.data?.zodError : null;
  if (zod && zod.length > 0) {
    const known = locale === "en" ? [] : zod.map((issue) => knownIssue(issue, t));
    if (known.length > 0 && known.every((k) => k !== null)) return known.join(" ");
    return t("detail", { message: t("BAD_REQUEST"), detail: zod.join("; ") });
  }
  const code = codeOf(error);
  if (!code && (error instanceof TypeError || /failed to fetch|networkerror|load failed/i.test(message))) return t("network");
  if (locale === "en") return message;
  const known = knownMessage(message, t);
  if (known) return known;
  const problem = HELPDESK_PROBLEMS.get(message);
  if (problem) return problems(problem, { min: String(problem === "nameTooShort" ? MIN_NAME_LETTERS : MIN_SERIAL_CHARS) });
  const rate = RATE_LIMIT.exec(message);
  if (rate) return t("known.helpdeskRateLimit", { searches: rate[1] ?? "", window: rate[2] ?? "", wait: Number(rate[3]) });
  return code ? t("detail", { message: t(code), detail: message }) : message;
}

/** `const errorText = useErrorText(); … {errorText(mutation.error)}` */
export function useErrorText(): (error: ErrorLike) => string {
  const t = useTranslations("errors");
  const problems = useTranslations("helpdesk.problems");
  const locale = useLocale();
  return (error) => translateError(error, t, problems, locale);
}

/**
 * One line per problem, for forms that list the server's validation issues (zod issues arrive as "field: message"):
 * in English as the server wrote them; otherwise each known issue translated, the rest as they are.
 * `const errorLines = useErrorLines(); … errorLines(mutation.error)`
 */
export function useErrorLines(): (error: ErrorLike) => string[] {
  const t = useTranslations("errors");
  const errorText = useErrorText();
  const locale = useLocale();
  return (error) => {
    if (!error) return [];
    const zod = "data" in error ? error.data?.zodError : null;
    if (zod && zod.length > 0) return locale === "en" ? zod : zod.map((issue) => knownIssue(issue, t) ?? issue);
    return [errorText(error)];
  };
}
