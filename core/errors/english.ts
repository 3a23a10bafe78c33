import { createTranslator } from "use-intl/core";
import { enServerErrors } from "@/core/errors/messages-en";
import type { ErrorParams } from "@/core/errors/error-codes";

type KeyPaths<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${KeyPaths<T[K]>}` }[keyof T & string];

/** A message of the catalogue's `errors.server` section, e.g. "recordNotFound" or "helpdesk.mobileEmpty". */
export type ErrorKey = KeyPaths<typeof enServerErrors>;

const english = createTranslator({ locale: "en", messages: { server: enServerErrors } as const, namespace: "server" }) as unknown as (key: string, params: ErrorParams) => string;

/**
 * The English sentence of a refusal's message key: what the REST API, the logs and zod's messages say. Browser-safe
 * (only the server-errors catalogue, not the whole interface), so shared schemas can write their messages with it.
 */
export function englishText(key: ErrorKey, params: ErrorParams = {}): string {
  return english(key, params);
}

/** A zod custom issue that names its message key, so that each reader sees it in their language. */
export function keyedIssue(key: ErrorKey, params: ErrorParams = {}) {
  return { code: "custom" as const, message: englishText(key, params), params: { key, ...params } };
}
