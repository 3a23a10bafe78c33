/**
 * Errors from the server in the reader's language. Every refusal the server sends carries a message key and its
 * parameters (`data.key`/`data.params` from tRPC, `key`/`params` from REST; see server/errors/app-error.ts), and the
 * catalogues hold the sentence of each key under `errors.server` in both languages: the browser never reads the
 * English sentence to find out what went wrong. Validation problems come as `issues`, each with our own key or zod's
 * code and bounds, so they are translated the same way. A fault (500) shows the generic sentence with its request id.
 */
import { useTranslations } from "next-intl";
import { isErrorCode, type ErrorCode, type ErrorParams, type IssueDetail } from "@/core/errors/error-codes";

type ErrorData = { code?: string; key?: string; params?: ErrorParams; issues?: IssueDetail[]; requestId?: string };
type ErrorLike = { message: string; data?: ErrorData | null } | Error | null | undefined;

type Translate = ReturnType<typeof useTranslations<"errors">>;
/** Keys of the catalogue are checked at compile time; these come from the server at run time. */
type Loose = (key: string, params?: ErrorParams) => string;

const TRPC_TO_CODE: Record<string, ErrorCode> = { SERVICE_UNAVAILABLE: "UNAVAILABLE", INTERNAL_SERVER_ERROR: "INTERNAL" };

function dataOf(error: ErrorLike): ErrorData | null {
  return error && "data" in error && error.data ? error.data : null;
}

function codeOf(data: ErrorData | null): ErrorCode | null {
  const raw = data?.code;
  if (!raw) return null;
  const code = TRPC_TO_CODE[raw] ?? raw;
  return isErrorCode(code) ? code : null;
}

/** One validation issue in the reader's language: our own rule by its key, else zod's check by its code. */
function issueText(issue: IssueDetail, t: Translate): string {
  const loose = t as unknown as Loose & { has: (key: string) => boolean };
  if (issue.key && loose.has(`server.${issue.key}`)) return loose(`server.${issue.key}`, issue.params);
  const code = issue.code ?? "custom";
  const key = loose.has(`validation.${code}`) ? `validation.${code}` : "validation.custom";
  return loose(key, { field: issue.path, ...issue.params });
}

export function translateError(error: ErrorLike, t: Translate): string {
  if (!error) return "";
  const data = dataOf(error);
  const code = codeOf(data);
  if (!code && (error instanceof TypeError || /failed to fetch|networkerror|load failed/i.test(error.message))) return t("network");
  const loose = t as unknown as Loose & { has: (key: string) => boolean };
  if (data?.issues?.length) return data.issues.map((i) => issueText(i, t)).join(" ");
  if (data?.key && loose.has(`server.${data.key}`)) return loose(`server.${data.key}`, { ...data.params, requestId: data.requestId ?? data.params?.requestId ?? "-" });
  return code ? loose(code) : error.message;
}

/** One line per problem, for forms that show each field's problem: the issues one by one, else the one sentence. */
export function translateErrorLines(error: ErrorLike, t: Translate): string[] {
  if (!error) return [];
  const issues = dataOf(error)?.issues;
  if (issues?.length) return issues.map((i) => issueText(i, t));
  return [translateError(error, t)];
}

/** `const errorText = useErrorText(); … {errorText(mutation.error)}` */
export function useErrorText(): (error: ErrorLike) => string {
  const t = useTranslations("errors");
  return (error) => translateError(error, t);
}

/** `const errorLines = useErrorLines(); … errorLines(mutation.error)` */
export function useErrorLines(): (error: ErrorLike) => string[] {
  const t = useTranslations("errors");
  return (error) => translateErrorLines(error, t);
}
