/** Shared by the camp CSV routes: strict query parsing, id-or-name block lookup, refusals as HTTP answers. */
import { z } from "zod";
import { problem } from "@/server/api/rest";
import type { Db } from "@/server/db/client";
import { findBlockByNameOrSlug } from "@/server/services/blocks";
import { CAMP_ERROR_STATUS, CampQueryError } from "@/server/services/camp-errors";

/** Parses the query string against `schema` (unknown or repeated parameters refused), or answers 400. */
export function parseCampQuery<T extends z.ZodRawShape>(req: Request, shape: T): z.infer<z.ZodObject<T>> | Response {
  const params = new URL(req.url).searchParams;
  const keys = [...params.keys()];
  if (new Set(keys).size !== keys.length) return problem(400, "Each query parameter may appear once.");
  const parsed = z.strictObject(shape).safeParse(Object.fromEntries(params));
  if (parsed.success) return parsed.data;
  const accepted = Object.keys(shape).join(", ");
  return problem(
    400,
    parsed.error.issues
      .map((i) => (i.code === "unrecognized_keys" ? `Unknown parameter(s): ${i.keys.join(", ")}; accepted: ${accepted}.` : `${i.path.join(".")}: ${i.message}`))
      .join(" "),
  );
}

export const ZQueryId = z.string().regex(/^[1-9]\d{0,8}$/, "must be a positive whole number").transform(Number);

/** A block given by id, name or slug; an unknown one is a 404 (scope is checked by the service). */
export async function blockIdFromParam(db: Db, value: string): Promise<number> {
  if (/^\d+$/.test(value)) return Number(value);
  const block = await findBlockByNameOrSlug(db, value);
  if (!block) throw new CampQueryError("NOT_FOUND", `There is no block called "${value}".`);
  return block.id;
}

export function campErrorResponse(error: unknown): Response {
  if (error instanceof CampQueryError) return problem(CAMP_ERROR_STATUS[error.code], error.message);
  throw error;
}

export function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
