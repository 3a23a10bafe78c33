/**
 * Inputs built from a schema (JSON Schema, as zod and the OpenAPI document give it): a plausible base value, and
 * every variant that puts one hostile value into one leaf. The sweeps send these to every procedure and route.
 */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  minimum?: number;
  minLength?: number;
  "x-date"?: boolean;
  additionalProperties?: JsonSchema | boolean;
};

/** A marker the transports turn into the JSON literal 1e400 (which parses as Infinity), since JSON.stringify cannot. */
export const INFINITE_LITERAL = "__1e400__";
export const HUGE_TEXT = "x".repeat(100_000);

/** The hostile values of the list: out-of-range ids, non-finite numbers, NUL, huge text and wrong types. */
export const HOSTILE_VALUES: readonly { label: string; value: unknown; plausible?: boolean }[] = [
  { label: "0", value: 0, plausible: true },
  { label: "-1", value: -1, plausible: true },
  { label: "2^31", value: 2 ** 31 },
  { label: "2^53", value: 2 ** 53 },
  { label: "1e400", value: INFINITE_LITERAL },
  { label: "NUL", value: "a\u0000b" },
  { label: "100k chars", value: HUGE_TEXT },
  { label: "object", value: { nested: true } },
  { label: "array", value: [1, 2] },
  { label: "boolean", value: true, plausible: true },
  { label: "null", value: null, plausible: true },
];

/**
 * A plausible value (0, -1, true, null) that the input's own schema accepts is a legitimate input there (0 retries,
 * a nullable field), not a hostile one: the sweep does not send it. Every other hostile value is always sent.
 */
export function isLegitimate(hostile: { plausible?: boolean }, accepts: () => boolean): boolean {
  return Boolean(hostile.plausible) && accepts();
}

/** The same as text, for path and query parameters and headers. */
export const HOSTILE_TEXTS: readonly { label: string; value: string }[] = [
  { label: "0", value: "0" },
  { label: "-1", value: "-1" },
  { label: "2^31", value: "2147483648" },
  { label: "2^53", value: "9007199254740992" },
  { label: "20 digits", value: "99999999999999999999" },
  { label: "1e400", value: "1e400" },
  { label: "NUL", value: "a\u0000b" },
  { label: "100k chars", value: HUGE_TEXT },
  { label: "%", value: "%" },
  { label: "%E0%A4", value: "%E0%A4" },
  { label: "%ZZ", value: "%ZZ" },
];

function firstOf(schema: JsonSchema): JsonSchema {
  const options = schema.anyOf ?? schema.oneOf;
  if (!options) return schema;
  return options.find((o) => o.type !== "null") ?? options[0]!;
}

/** A value the schema plausibly accepts (ids are 1, text is a few letters, enums their first option). */
export function baseValue(schema: JsonSchema, depth = 0): unknown {
  if (depth > 12) return null;
  if (schema["x-date"]) return new Date("2021-06-20T06:30:00Z");
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.allOf?.length) return baseValue(schema.allOf[0]!, depth + 1);
  const s = firstOf(schema);
  if (s !== schema) return baseValue(s, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object":
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, baseValue(v, depth + 1)]));
    case "array":
      return s.items ? [baseValue(s.items, depth + 1)] : [];
    case "integer":
    case "number":
      return Math.max(1, s.minimum ?? 1);
    case "boolean":
      return true;
    case "string":
      if (s.format === "date-time") return "2021-06-20T12:00:00+05:30";
      if (s.format === "date") return "2021-06-20";
      return "a".repeat(Math.max(1, s.minLength ?? 1));
    default:
      return "a";
  }
}

export type Leaf = { path: (string | number)[] };

/** The paths of every leaf of a value (primitives, and empty containers). */
export function leaves(value: unknown, path: (string | number)[] = []): Leaf[] {
  if (value instanceof Date || value === null || typeof value !== "object") return [{ path }];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  if (entries.length === 0) return [{ path }];
  return entries.flatMap(([k, v]) => leaves(v, [...path, k]));
}

/** A copy of `value` with the leaf at `path` replaced (the root when the path is empty). */
export function withLeaf(value: unknown, path: (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head!] = withLeaf(copy[head!], rest, leaf);
  return copy;
}

/** JSON text of a value, with the 1e400 marker written as the literal. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value).replaceAll(`"${INFINITE_LITERAL}"`, "1e400");
}
