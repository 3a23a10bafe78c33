import { parseAsInteger, parseAsString, parseAsStringLiteral } from "nuqs";

export const SORT_FIELDS = ["vaccinatedAt", "registerSerial", "beneficiaryName", "dose", "site"] as const;
export const BUCKET_FILTERS = ["h0_12", "h12_24", "h24_36", "h36_48", "overdue", "due6h"] as const;

/** The pending-records table state, kept in the URL so that a filtered view can be shared as a link. */
export const pendingSearchParams = {
  page: parseAsInteger.withDefault(1),
  size: parseAsInteger.withDefault(25),
  sort: parseAsStringLiteral(SORT_FIELDS).withDefault("vaccinatedAt"),
  dir: parseAsStringLiteral(["asc", "desc"] as const).withDefault("asc"),
  bucket: parseAsStringLiteral(BUCKET_FILTERS),
  dose: parseAsInteger,
  site: parseAsInteger,
  q: parseAsString.withDefault(""),
  status: parseAsStringLiteral(["PENDING", "ENTERED", "REJECTED"] as const).withDefault("PENDING"),
};

export const BUCKET_FILTER_LABELS: Record<(typeof BUCKET_FILTERS)[number], string> = {
  h0_12: "0–12 h",
  h12_24: "12–24 h",
  h24_36: "24–36 h",
  h36_48: "36–48 h",
  overdue: "Overdue",
  due6h: "Due within 6 h",
};

export const PAGE_SIZES = [10, 25, 50, 100] as const;
