/**
 * The state officer's first screen (issue 12): the state's figures and one row per district, ranked by what needs
 * attention. A district that is not set up has no blocks and therefore no figures; it is listed by name only, and
 * nothing is ever filled in for it.
 *
 * The figures are the district summary's own (getBacklogSummary), read in one statement over every block of the
 * scope and then grouped by district: a state total can never disagree with the sum of its districts' pages, and a
 * change to how the backlog is aged (the deadline, the buckets) reaches both at once. "At risk" is the burn-down
 * forecast that the district overview and the block-risk alerts use.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import { blockWhere, districtWhere, scopeStateId, type Scope } from "@/server/auth/scope";
import { AppError } from "@/server/errors/app-error";
import { slugOf } from "@/core/domain/block-directory";
import { getBacklogSummary, sumFigures, type BacklogFigures } from "@/server/services/backlog/backlog-summary";
import { getBlockForecasts } from "@/server/services/performance/burn-down";

export type PlaceName = { id: number; name: string; nameHi: string; slug: string };

export type SetUpDistrict = PlaceName & {
  figures: BacklogFigures;
  blocks: number;
  /** Blocks whose burn-down forecast misses the deadline. */
  atRiskBlocks: number;
};

export type StateOverview = {
  generatedAt: Date;
  deadlineHours: number;
  state: PlaceName;
  totals: BacklogFigures;
  atRiskBlocks: number;
  /** Set-up districts, most pending first (then most overdue, then name). */
  districts: SetUpDistrict[];
  /** Districts of the state's list that are not set up yet, by name: no figures. */
  notSetUp: PlaceName[];
};

/**
 * A state scope reads every district of its state; a district scope (a district officer, or a state officer
 * focused on one district) reads its own district only; a block scope is refused: a block's figures are not its
 * district's, and showing them as such would mislead.
 */
export async function getStateOverview(db: Db, scope: Scope, now: Date): Promise<StateOverview> {
  if (scope.kind !== "state" && scope.kind !== "district") throw new AppError("FORBIDDEN", "stateOverviewNotForBlock");
  const stateId = scopeStateId(scope);
  const [state, districts, blocks, summary, forecasts] = await Promise.all([
    db.state.findUniqueOrThrow({ where: { id: stateId! }, select: { id: true, name: true, nameHi: true } }),
    db.district.findMany({ where: districtWhere(scope), select: { id: true, name: true, nameHi: true, setUpAt: true }, orderBy: { name: "asc" } }),
    db.block.findMany({ where: blockWhere(scope), select: { id: true, districtId: true } }),
    getBacklogSummary(db, scope, now),
    getBlockForecasts(db, scope, now),
  ]);
  const districtOf = new Map(blocks.map((b) => [b.id, b.districtId]));
  const figuresBy = new Map<number, BacklogFigures[]>();
  for (const block of summary.blocks) {
    const districtId = districtOf.get(block.blockId);
    if (districtId === undefined) continue;
    const list = figuresBy.get(districtId);
    if (list) list.push(block);
    else figuresBy.set(districtId, [block]);
  }
  const atRiskBy = new Map<number, number>();
  for (const f of forecasts.blocks) {
    const districtId = districtOf.get(f.blockId);
    if (f.atRisk && districtId !== undefined) atRiskBy.set(districtId, (atRiskBy.get(districtId) ?? 0) + 1);
  }

  const setUp: SetUpDistrict[] = [];
  const notSetUp: PlaceName[] = [];
  for (const d of districts) {
    const place = { id: d.id, name: d.name, nameHi: d.nameHi, slug: slugOf(d.name) };
    if (!d.setUpAt) {
      notSetUp.push(place);
      continue;
    }
    const blockFigures = figuresBy.get(d.id) ?? [];
    setUp.push({ ...place, figures: sumFigures(blockFigures), blocks: blockFigures.length, atRiskBlocks: atRiskBy.get(d.id) ?? 0 });
  }
  setUp.sort((a, b) => b.figures.pending - a.figures.pending || b.figures.overdue - a.figures.overdue || a.name.localeCompare(b.name));
  return {
    generatedAt: now,
    deadlineHours: summary.deadlineHours,
    state: { id: state.id, name: state.name, nameHi: state.nameHi, slug: slugOf(state.name) },
    totals: sumFigures(setUp.map((d) => d.figures)),
    atRiskBlocks: setUp.reduce((n, d) => n + d.atRiskBlocks, 0),
    districts: setUp,
    notSetUp,
  };
}

export type ScopePlace = {
  kind: "state" | "district" | "block";
  state: PlaceName;
  district: PlaceName | null;
  block: PlaceName | null;
  /** Whether the district is set up (has its blocks); true for a state. */
  setUp: boolean;
};

/** The names of the place a scope works in, from the database: what the header and the page titles show. */
export async function getScopePlace(db: Db, scope: Scope): Promise<ScopePlace | null> {
  if (scope.kind === "none") return null;
  const place = (p: { id: number; name: string; nameHi: string }): PlaceName => ({ id: p.id, name: p.name, nameHi: p.nameHi, slug: slugOf(p.name) });
  const state = await db.state.findUnique({ where: { id: scope.stateId }, select: { id: true, name: true, nameHi: true } });
  if (!state) return null;
  if (scope.kind === "state") return { kind: "state", state: place(state), district: null, block: null, setUp: true };
  const district = await db.district.findFirst({ where: { id: scope.districtId, stateId: scope.stateId }, select: { id: true, name: true, nameHi: true, setUpAt: true } });
  if (!district) return null;
  const setUp = district.setUpAt !== null;
  if (scope.kind === "district") return { kind: "district", state: place(state), district: place(district), block: null, setUp };
  const block = await db.block.findFirst({ where: { id: scope.blockId, districtId: scope.districtId }, select: { id: true, name: true, nameHi: true } });
  return block ? { kind: "block", state: place(state), district: place(district), block: place(block), setUp } : null;
}
