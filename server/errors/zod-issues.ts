import "server-only";
import type { z } from "zod";
import type { IssueDetail } from "@/core/errors/error-codes";
import { AppError, englishText, type ErrorKey } from "@/server/errors/app-error";

type Params = Record<string, string | number>;

function keyed(issue: z.core.$ZodIssue): { key: ErrorKey; params: Params } | null {
  const params = (issue as { params?: Record<string, unknown> }).params;
  if (issue.code !== "custom" || typeof params?.key !== "string") return null;
  const { key, ...rest } = params;
  return { key: key as ErrorKey, params: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, typeof v === "number" ? v : String(v)])) };
}

const BOUNDS = ["minimum", "maximum", "expected", "format", "origin"] as const;

/**
 * One zod issue as the answer carries it: where, what (a catalogue key for our own rules, else zod's code with its
 * bounds, so the browser can say it in the reader's language), and the English sentence for the API and logs.
 */
export function issueDetail(issue: z.core.$ZodIssue, accepted?: readonly string[]): IssueDetail {
  const path = issue.path.map(String).join(".") || "input";
  const own = keyed(issue);
  if (own) return { path, key: own.key, params: own.params, message: englishText(own.key, own.params) };
  const params: Params = {};
  for (const bound of BOUNDS) {
    const value = (issue as unknown as Record<string, unknown>)[bound];
    if (typeof value === "number" || typeof value === "string") params[bound] = value;
    else if (typeof value === "bigint") params[bound] = Number(value);
  }
  if (issue.code === "unrecognized_keys") {
    params.keys = issue.keys.join(", ");
    const rest = accepted ? `; the accepted fields are ${accepted.join(", ")}` : "";
    return { path, code: issue.code, params, message: `Unknown field(s): ${params.keys}${rest}.` };
  }
  return { path, code: issue.code, params, message: issue.message };
}

/** "field: message" for each issue, joined: the English sentence of a validation refusal. */
export function issuesSentence(issues: readonly IssueDetail[], prefix = ""): string {
  return issues
    .map((i) => {
      const where = i.path !== "input" && !i.message.startsWith(i.path.split(".")[0]!) ? `${i.path}: ` : "";
      return `${prefix}${where}${i.message}`;
    })
    .join(" ");
}

/** The field names of an object schema (for "the accepted fields are …"), or undefined for any other schema. */
export function acceptedFields(schema: z.ZodType): string[] | undefined {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : undefined;
}

/**
 * A failed zod parse as the one error type (BAD_REQUEST, key invalidInput), its issues listed one by one; `prefix`
 * names the item of a batch ("Report 2: "), `accepted` the fields an unknown one is told apart from.
 */
export function validationError(error: z.ZodError, options: { prefix?: string; accepted?: readonly string[] } = {}): AppError {
  const issues = error.issues.map((i) => issueDetail(i, options.accepted));
  return new AppError("BAD_REQUEST", "invalidInput", { issues: issuesSentence(issues, options.prefix) }, { rawIssues: issues });
}
