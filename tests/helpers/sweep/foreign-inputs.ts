/**
 * Inputs for the cross-district sweep, built from a procedure's or route's schema: every field that names a row
 * (by its key: blockId, siteId, block, id in /imports/{id} …) gets the caller's own values in the base input, and
 * each variant puts one of the other district's values into one such field, next to the same input with a value
 * that names nothing at all. The two answers must be the same: an out-of-scope id reads like an unknown one.
 */
import { ID_KINDS, type Footprint, type IdKind } from "@/tests/helpers/sweep/district-footprint";
import { baseValue, leaves, withLeaf, type JsonSchema } from "@/tests/helpers/sweep/values";

/** Kinds a field may name: a district's ids, a block by name or slug, a search text, a helpdesk person token. */
export type FieldKind = IdKind | "blockRef" | "text" | "personToken" | "shared" | "anyId";

export const UNKNOWN_ID = 2_000_000_000;
export const UNKNOWN_REF = "atlantis";

const KEY_KINDS: Record<string, FieldKind> = {
  blockId: "block",
  block: "blockRef",
  slug: "blockRef",
  siteId: "site",
  intoId: "site",
  site: "site",
  campId: "camp",
  camp: "camp",
  megaCampId: "megaCamp",
  megaCamp: "megaCamp",
  recordId: "record",
  changeId: "statusChange",
  userId: "user",
  importId: "import",
  anomalyId: "anomaly",
  alertId: "alert",
  // Probe targets and their maintenance windows are the state's, shared by its districts: nothing to cross.
  targetId: "shared",
  target: "shared",
  token: "personToken",
  search: "text",
  q: "text",
  mobile: "text",
  serial: "text",
  idLast4: "text",
  name: "text",
};

/** What a bare `id` names, read off the procedure's path or the route's URL (the first match wins). */
const PATH_KINDS: [RegExp, FieldKind][] = [
  [/probe|target|maintenance/i, "shared"],
  [/mega ?camp/i, "megaCamp"],
  [/camp/i, "camp"],
  [/record/i, "record"],
  [/anomal/i, "anomaly"],
  [/site/i, "site"],
  [/import/i, "import"],
  [/alert/i, "alert"],
  [/token/i, "apiToken"],
  [/change/i, "statusChange"],
];

/** Fields that end in "Id" but name no row of ours: a provider's ids (DLT entity/sender/template, a Telegram chat). */
const NOT_OUR_IDS = new Set(["telegramChatId", "entityId", "senderId", "templateIds", "phoneNumberId"]);

export function fieldKind(where: string, path: readonly (string | number)[]): FieldKind | null {
  const key = [...path].reverse().find((p): p is string => typeof p === "string");
  if (key === undefined || NOT_OUR_IDS.has(key)) return null;
  if (key in KEY_KINDS) return KEY_KINDS[key]!;
  if (key === "id" || key === "ids") return PATH_KINDS.find(([re]) => re.test(where))?.[1] ?? "anyId";
  if (/Ids?$/.test(key)) return "anyId";
  return null;
}

const isId = (k: FieldKind): k is IdKind => (ID_KINDS as readonly string[]).includes(k);

/** A caller's value for a field of that kind (numbers where the schema wants a number). */
function valuesOf(fp: Footprint, kind: FieldKind, asText: boolean, token: (recordId: number) => string): unknown[] {
  if (isId(kind)) return fp.ids[kind].map((id) => (asText ? String(id) : id));
  if (kind === "anyId") return ID_KINDS.map((k) => fp.ids[k][0]).filter((id): id is number => id !== undefined).map((id) => (asText ? String(id) : id));
  if (kind === "blockRef") return fp.blockRefs;
  if (kind === "text") return fp.texts;
  if (kind === "personToken") return fp.ids.record.map(token);
  return [];
}

/** A value of the same shape that names nothing: a block named by its id gets an unknown id, not an unknown name. */
export function unknownOf(kind: FieldKind, asText: boolean, token: (recordId: number) => string, like?: unknown): unknown {
  if ((kind === "blockRef" || kind === "text") && !/^\d+$/.test(String(like))) return UNKNOWN_REF;
  if (kind === "personToken") return token(UNKNOWN_ID);
  return asText ? String(UNKNOWN_ID) : UNKNOWN_ID;
}

export type Variant = { label: string; input: unknown; unknown: unknown; kind: FieldKind; echo: string[] };

export type InputPlan = { base: unknown; variants: Variant[] };

/** The options of a union at the root (the helpdesk's search kinds, an optional input): each object option is swept. */
export function rootOptions(schema: JsonSchema): JsonSchema[] {
  if (schema.properties) return [schema];
  const options = (schema.oneOf ?? schema.anyOf ?? []).flatMap((o) => o.oneOf ?? o.anyOf ?? [o]).filter((o) => o.properties);
  return options.length ? options : [schema];
}

/**
 * The base input with the caller's own values, and the foreign variants. `sweepText` says whether free-text
 * fields get foreign search texts too (reads only: a write with one foreign text and own ids would succeed).
 */
export function planInputs(
  where: string,
  schema: JsonSchema,
  own: Footprint,
  foreign: Footprint,
  options: { sweepText: boolean; token: (recordId: number) => string; dateKey: string; now: Date },
): InputPlan[] {
  return rootOptions(schema).map((option) => {
    let base = baseValue(option);
    const slots: { path: (string | number)[]; kind: FieldKind; asText: boolean }[] = [];
    for (const { path } of leaves(base)) {
      const current = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], base);
      const key = [...path].reverse().find((p) => typeof p === "string");
      // A period the schema accepts: the week before the pinned clock (a day key, or a Date).
      if ((key === "from" || key === "to") && typeof current === "string") base = withLeaf(base, path, options.dateKey);
      if ((key === "from" || key === "startsAt") && current instanceof Date) base = withLeaf(base, path, new Date(options.now.getTime() - 7 * 86_400_000));
      if ((key === "to" || key === "endsAt") && current instanceof Date) base = withLeaf(base, path, options.now);
      const kind = fieldKind(where, path);
      if (!kind || kind === "shared") continue;
      const asText = typeof current === "string";
      if (kind === "text" && !asText) continue;
      const mine = valuesOf(own, kind, asText, options.token)[0];
      if (kind !== "text" && mine !== undefined) base = withLeaf(base, path, mine);
      slots.push({ path, kind, asText });
    }
    const variants: Variant[] = [];
    for (const slot of slots) {
      if (slot.kind === "text" && !options.sweepText) continue;
      for (const value of valuesOf(foreign, slot.kind, slot.asText, options.token)) {
        variants.push({
          label: `${JSON.stringify(slot.path)}=${slot.kind}:${String(value).slice(0, 40)}`,
          input: withLeaf(base, slot.path, value),
          unknown: withLeaf(base, slot.path, unknownOf(slot.kind, slot.asText, options.token, value)),
          kind: slot.kind,
          echo: [String(value)],
        });
      }
    }
    return { base, variants };
  });
}
