import { slugOf } from "@/core/domain/block-directory";
import { testDb } from "@/tests/helpers/callers";

/** What a district's rows are named by in an input: each kind of id a procedure or route takes. */
export const ID_KINDS = ["block", "site", "camp", "megaCamp", "record", "statusChange", "import", "anomaly", "alert", "user", "apiToken", "fieldReport"] as const;
export type IdKind = (typeof ID_KINDS)[number];

/**
 * One district as the cross-district sweep sees it: a few ids of every kind (to send), how its blocks and the
 * district itself are named (to send), sample search texts (to send), and every string that names one of its rows
 * (to look for in answers). `blockName` narrows the ids of block-level kinds to one block (a block user's own).
 */
export type Footprint = {
  districtId: number;
  district: string;
  districtRefs: string[];
  ids: Record<IdKind, number[]>;
  blockRefs: string[];
  texts: string[];
  /** Every string value that belongs to this district only: block, site and camp names, serials, beneficiaries, users… */
  exact: Set<string>;
  /** The names that may also sit inside a sentence (a report, a message, a file name). */
  words: string[];
  /** Every id of the district's rows, by the key an answer carries it under (blockId, recordId …). */
  allIds: Record<string, Set<number>>;
};

/** The keys under which answers carry a row's id, and whose ids they are. */
const ID_KEYS: Record<string, "blocks" | "sites" | "camps" | "mega_camps" | "vaccination_records" | "import_batches" | "anomalies"> = {
  blockId: "blocks",
  siteId: "sites",
  campId: "camps",
  megaCampId: "mega_camps",
  recordId: "vaccination_records",
  candidateIds: "vaccination_records",
  importId: "import_batches",
  anomalyId: "anomalies",
};

const first = <T>(xs: T[], n: number) => (xs.length <= n ? xs : [...xs.slice(0, n - 1), xs[xs.length - 1]!]);

export async function districtFootprint(district: string, blockName?: string): Promise<Footprint> {
  const db = testDb();
  const d = await db.district.findFirstOrThrow({ where: { name: district } });
  const blocks = await db.block.findMany({ where: { districtId: d.id }, include: { aliases: true }, orderBy: { id: "asc" } });
  const own = blockName ? blocks.filter((b) => b.name === blockName) : blocks;
  if (own.length === 0) throw new Error(`no block ${blockName} in ${district}`);
  const inBlocks = { districtId: d.id, blockId: { in: own.map((b) => b.id) } };
  const sites = await db.site.findMany({ where: { districtId: d.id }, orderBy: { id: "asc" } });
  const megaCamps = await db.megaCamp.findMany({ where: { districtId: d.id }, orderBy: { id: "asc" } });
  const pending = await db.vaccinationRecord.findMany({ where: { ...inBlocks, status: "PENDING" }, orderBy: { id: "asc" }, take: 2, select: { id: true, campId: true } });
  const entered = await db.vaccinationRecord.findFirstOrThrow({ where: { ...inBlocks, status: "ENTERED" }, orderBy: { id: "desc" }, select: { id: true } });
  const records = await db.vaccinationRecord.findMany({
    where: { districtId: d.id },
    select: { registerSerial: true, beneficiaryName: true, portalRef: true, mobile: true },
  });
  const users = await db.user.findMany({ where: { districtId: d.id }, orderBy: { id: "asc" } });
  const ownSites = sites.filter((s) => own.some((b) => b.id === s.blockId));
  const ids = (rows: { id: number }[], n = 2) => first(rows.map((r) => r.id), n);
  const idList: Record<IdKind, number[]> = {
    block: ids(own),
    site: ids(ownSites),
    camp: first([...new Set(pending.map((r) => r.campId))], 2),
    megaCamp: ids(megaCamps),
    record: [...pending.map((r) => r.id).slice(0, 1), entered.id],
    statusChange: ids(await db.statusChange.findMany({ where: { districtId: d.id, record: inBlocks }, orderBy: { id: "asc" }, take: 1, select: { id: true } })),
    import: ids(await db.importBatch.findMany({ where: { districtId: d.id }, orderBy: { id: "asc" }, select: { id: true } })),
    anomaly: ids(await db.anomaly.findMany({ where: { districtId: d.id }, orderBy: { id: "asc" }, select: { id: true } })),
    alert: ids(await db.alert.findMany({ where: { districtId: d.id }, orderBy: { id: "asc" }, select: { id: true } })),
    user: ids(users, 3),
    apiToken: ids(await db.apiToken.findMany({ where: { user: { districtId: d.id } }, orderBy: { id: "asc" }, select: { id: true } })),
    fieldReport: first((await db.fieldProbeReport.findMany({ where: inBlocks, orderBy: { id: "asc" }, take: 1, select: { id: true } })).map((r) => Number(r.id)), 1),
  };
  const sample = await db.vaccinationRecord.findFirstOrThrow({ where: { ...inBlocks, status: "PENDING", mobile: { not: null } }, orderBy: { id: "asc" } });
  const imports = await db.importBatch.findMany({ where: { districtId: d.id }, select: { fileName: true } });
  const strings = [
    d.name,
    d.nameHi,
    ...blocks.flatMap((b) => [b.name, b.nameHi, slugOf(b.name), ...b.aliases.map((a) => a.alias)]),
    ...sites.map((s) => s.name),
    ...megaCamps.map((m) => m.name),
    ...records.flatMap((r) => [r.registerSerial, r.beneficiaryName, r.portalRef, r.mobile]),
    ...users.flatMap((u) => [u.username, u.displayName]),
    ...imports.map((i) => i.fileName),
  ].filter((s): s is string => typeof s === "string" && s.length > 0);
  const allIds: Record<string, Set<number>> = {};
  for (const table of new Set(Object.values(ID_KEYS))) {
    const rows = await db.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM "${table}" WHERE district_id = ${Number(d.id)}`);
    allIds[table] = new Set(rows.map((r) => r.id));
  }
  return {
    allIds,
    districtId: d.id,
    district: d.name,
    districtRefs: [slugOf(d.name), String(d.id)],
    ids: idList,
    blockRefs: [own[0]!.name, slugOf(own[0]!.name), own[0]!.nameHi, String(own[0]!.id), ...(own[0]!.aliases[0] ? [own[0]!.aliases[0].alias] : [])],
    texts: [sample.beneficiaryName, sample.registerSerial, sample.mobile!, sample.mobile!.slice(-4), sample.idLast4],
    exact: new Set(strings),
    words: [
      d.name,
      d.nameHi,
      ...blocks.flatMap((b) => [b.name, b.nameHi]),
      ...sites.map((s) => s.name),
      ...megaCamps.map((m) => m.name),
      // A username ("helpdesk", "dio") is a word of any sentence about the roles: found as a whole value only.
      ...users.map((u) => u.displayName),
      ...imports.map((i) => i.fileName),
    ],
  };
}

const CELL_SEPARATORS = /[\n\r,;"<>|]+/;

/**
 * What answers must never show to `viewer`: the strings of `foreign` that do not also belong to the viewer's
 * district or to the state both share (a name both districts have is no evidence of a leak).
 */
export type Markers = { exact: Set<string>; words: RegExp; ids: Record<string, Set<number>> };

export function foreignMarkers(foreign: Footprint, viewer: Footprint): Markers {
  // Answers are also read cell by cell (CSV, "name, place"): a cell of the viewer's own strings is theirs too.
  const ownCells = new Set([...viewer.exact].flatMap((s) => s.split(CELL_SEPARATORS).map((c) => c.trim())));
  const exact = new Set([...foreign.exact].filter((s) => !viewer.exact.has(s) && !ownCells.has(s)));
  // A one-word name that is also a word of the viewer's own data ("Chandan", a block of Banka, is a first name in
  // Bhagalpur's register) is no evidence either; it is still found wherever it is a whole value.
  const ownWords = new Set([...viewer.exact].flatMap((s) => s.split(/[^\p{L}\p{M}\p{N}]+/u)));
  // Nor is one that is part of one of the viewer's own names ("District Immunization Officer" in "…, Banka").
  const inOwnName = (w: string) => viewer.words.some((own) => own !== w && wordPattern([w]).test(own));
  const words = [...new Set(foreign.words.filter((w) => !viewer.exact.has(w) && w.length >= 3 && !ownWords.has(w) && !inOwnName(w)))].sort((a, b) => b.length - a.length);
  return { exact, words: wordPattern(words), ids: foreign.allIds };
}

function wordPattern(words: readonly string[]): RegExp {
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  // A name counts as a whole word: "Banka" in "Bankatwa" is not Banka; Devanagari vowel signs are part of a word.
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${escaped.join("|")})(?![\\p{L}\\p{M}\\p{N}])`, "u");
}

/** The foreign strings found in an answer (its string values, or its text cut into cells and lines), input echoes aside. */
export function leaksIn(answer: unknown, markers: Markers, echoed: readonly string[] = []): string[] {
  const found = new Set<string>();
  const echo = new Set(echoed.map((e) => e.toLowerCase()));
  const look = (s: string) => {
    if (echo.has(s.toLowerCase())) return;
    if (markers.exact.has(s)) found.add(s);
    let rest = s;
    for (const e of echo) rest = rest.replaceAll(new RegExp(e.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "giu"), " ");
    const m = markers.words.exec(rest);
    if (m) found.add(m[0]);
  };
  const walk = (v: unknown) => {
    if (typeof v === "string") {
      look(v);
      for (const cell of v.split(CELL_SEPARATORS)) if (cell !== v) look(cell.trim());
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object" && !(v instanceof Date)) {
      for (const [key, value] of Object.entries(v)) {
        const table = ID_KEYS[key];
        // An id the caller sent may come back (an error naming it): that tells them nothing new.
        const ids = (Array.isArray(value) ? value : [value]).filter((x): x is number => typeof x === "number" && !echo.has(String(x)));
        if (table) for (const id of ids) if (markers.ids[table]?.has(id)) found.add(`${key} ${id}`);
        walk(value);
      }
    }
  };
  walk(answer);
  return [...found];
}

const DISTRICT_TABLES = [
  "alert_channels",
  "alert_deliveries",
  "alerts",
  "anomalies",
  "block_aliases",
  "block_status_counts",
  "blocks",
  "camp_devices",
  "camp_records",
  "camps",
  "district_programme_rules",
  "field_probe_reports",
  "helpdesk_lookups",
  "import_batches",
  "import_rejections",
  "mega_camps",
  "pending_hour_counts",
  "sites",
  "status_changes",
  "users",
  "vaccination_records",
] as const;
const SHARED_TABLES = ["states", "districts", "probe_targets", "probe_maintenance_windows", "app_settings", "programme_rules", "vaccines"] as const;

/**
 * A digest of one district's rows in every table that has a district, its users' API tokens (but when they were
 * last used), and the tables the state's districts share: equal before and after means nothing of it was written.
 */
export async function districtRowsFingerprint(districtId: number): Promise<Record<string, string>> {
  const db = testDb();
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name::text AS name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'district_id' ORDER BY 1`;
  const missing = tables.map((t) => t.name).filter((t) => !(DISTRICT_TABLES as readonly string[]).includes(t));
  if (missing.length) throw new Error(`a table with a district_id is not fingerprinted: ${missing.join(", ")}`);
  const digest = async (from: string) => {
    const [row] = await db.$queryRawUnsafe<{ n: bigint; digest: string | null }[]>(
      `SELECT count(*) AS n, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS digest FROM ${from} t`,
    );
    return `${row!.n}:${row!.digest ?? "-"}`;
  };
  const out: Record<string, string> = {};
  for (const table of DISTRICT_TABLES) out[table] = await digest(`(SELECT * FROM "${table}" WHERE district_id = ${Number(districtId)})`);
  out.api_tokens = await digest(
    `(SELECT id, user_id, name, prefix, token_hash, created_at, revoked_at FROM api_tokens WHERE user_id IN (SELECT id FROM users WHERE district_id = ${Number(districtId)}))`,
  );
  for (const table of SHARED_TABLES) out[table] = await digest(`"${table}"`);
  return out;
}
