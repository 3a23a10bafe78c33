import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors/app-error";
import { validationError } from "@/server/errors/zod-issues";

/**
 * The one query-string parser of the REST API: each parameter at most once, unknown ones named with the accepted
 * list, every other problem answered 400 with what was wrong. `ignore` lists parameters a route tolerates but does
 * not use (e.g. a screen's page number on an export of all pages).
 */
export function parseQuery<T extends z.ZodRawShape>(url: URL, shape: T, ignore: readonly string[] = []): z.output<z.ZodObject<T>> {
  const keys = [...url.searchParams.keys()].filter((k) => !ignore.includes(k));
  const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
  if (repeated !== undefined) throw new AppError("BAD_REQUEST", "queryRepeated", { name: repeated });
  const accepted = Object.keys(shape);
  const unknown = keys.filter((k) => !accepted.includes(k));
  if (unknown.length) throw new AppError("BAD_REQUEST", "queryUnknown", { names: unknown.join(", "), accepted: accepted.join(", ") || "none" });
  const parsed = z.object(shape).safeParse(Object.fromEntries(keys.map((k) => [k, url.searchParams.get(k)])));
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** A path's parameters (already split by Next.js) checked against their schema. */
export function parseParams<T extends z.ZodRawShape>(raw: Record<string, string | string[]>, shape: T): z.output<z.ZodObject<T>> {
  const parsed = z.object(shape).safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
