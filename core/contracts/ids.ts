import { z } from "zod";

/** Ids are PostgreSQL `integer` columns: anything outside 1 … 2³¹−1 can name no row, so it is refused up front. */
export const MAX_ID = 2_147_483_647;

export const ZId = z
  .number({ error: "must be a whole number (an id)" })
  .int("must be a whole number (an id)")
  .min(1, "must be an id from 1 to 2147483647")
  .max(MAX_ID, "must be an id from 1 to 2147483647");

/** An id written in a URL or header: decimal digits only, no sign, exponent, spaces or leading zeros. */
export function parseIdText(text: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(text)) return null;
  const id = Number(text);
  return id <= MAX_ID ? id : null;
}

/** `label` names the id in the refusal ("The import id must be a whole number from 1 to 2147483647"). */
export function idText(label = "The id") {
  return z.string().transform((text, ctx) => {
    const id = parseIdText(text);
    if (id === null) {
      ctx.addIssue({ code: "custom", message: `${label} must be a whole number from 1 to ${MAX_ID}` });
      return z.NEVER;
    }
    return id;
  });
}

export const ZIdText = idText();

/** A block named in a URL or query: its name or URL slug, any case ("Old Town", "old-town"). */
export const ZBlockRef = z
  .string()
  .trim()
  .min(1, "block must not be empty")
  .max(60, "block is longer than 60 characters")
  .describe("a block's name or URL slug, any case (e.g. Old Town, old-town)");
