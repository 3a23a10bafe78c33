/**
 * A state officer looking at one district: the request names it, and the scope narrows to that district before
 * any procedure or route runs, so every screen and export works per district with no code of its own. The app's
 * tRPC calls carry it in the `X-Teeka-District` header (from the page's /districts/<slug>/… URL); REST callers use
 * the `district` query parameter. A district by id or by slug; one outside the caller's scope, or unknown, is
 * NOT_FOUND (the two read the same). For district and block users their own district is a no-op and any other
 * is NOT_FOUND.
 */
import "server-only";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { narrowToDistrict, scopeDistrictIds, type Scope } from "@/server/auth/scope";
import { AppError } from "@/server/errors/app-error";
import { slugOf } from "@/core/domain/block-directory";
import { MAX_ID } from "@/core/contracts/ids";

export const DISTRICT_HEADER = "x-teeka-district";
export const DISTRICT_QUERY = "district";

/** What a request may name a district by: its id or its URL slug (a-z, 0-9, hyphens). */
export const ZDistrictRef = z
  .string()
  .trim()
  .min(1, "district must name a district: its id or its slug (as in the district page's address).")
  .max(80, "district is longer than 80 characters.")
  .regex(/^[a-z0-9-]+$/i, "district must be a district's id or slug (letters, digits and hyphens), as in the district page's address.");

export async function focusScope(db: Db, scope: Scope, ref: string | null | undefined): Promise<Scope> {
  if (ref === null || ref === undefined || ref === "") return scope;
  const parsed = ZDistrictRef.safeParse(ref);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "districtRefInvalid", { district: ref.slice(0, 80) });
  const wanted = parsed.data.toLowerCase();
  const districts = await db.district.findMany({ where: { id: { in: [...scopeDistrictIds(scope)] } }, select: { id: true, name: true } });
  const asId = /^\d+$/.test(wanted) && Number(wanted) <= MAX_ID ? Number(wanted) : null;
  const found = districts.find((d) => d.id === asId || slugOf(d.name) === wanted);
  if (!found) throw new AppError("NOT_FOUND", "districtNotFound", { district: parsed.data });
  return narrowToDistrict(scope, found.id);
}
