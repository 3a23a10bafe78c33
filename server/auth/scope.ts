import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { Role } from "@/server/generated/prisma/enums";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";

/**
 * The one place that turns a user into what they may see. Everything unknown is denied: a role without a rule, or
 * a user without the place their role needs (a block role without a block, a district role without a district, a
 * state officer without a state), gets the empty scope.
 *
 * A scope carries the ids of its place: a state officer every district of one state, a district role one district,
 * a block role one block of one district. Every filter below names the district, so a query in a block scope can
 * never reach another district's block of the same id range, and a database distributed by district can route it.
 */
export type Scope =
  | { kind: "state"; stateId: number; districtIds: readonly number[] }
  | { kind: "district"; stateId: number; districtId: number }
  | { kind: "block"; stateId: number; districtId: number; blockId: number }
  | { kind: "none" };

/** The user's place as stored; stateId is the user's state (a state officer's own, everyone else's district's). */
export type ScopeSubject = { role: Role; stateId: number | null; districtId: number | null; blockId: number | null };

/**
 * Pure: the scope of a user whose state (for a state officer) has the districts `stateDistrictIds`. Use
 * `scopeOf`, which reads them, unless the ids are already known.
 */
export function scopeFor(user: ScopeSubject | null, stateDistrictIds: readonly number[] = []): Scope {
  if (!user || user.stateId === null) return { kind: "none" };
  const stateId = user.stateId;
  switch (user.role) {
    case "STATE_OFFICER":
      return { kind: "state", stateId, districtIds: stateDistrictIds };
    case "DISTRICT_OFFICER":
      return user.districtId !== null ? { kind: "district", stateId, districtId: user.districtId } : { kind: "none" };
    case "BLOCK_SUPERVISOR":
    case "DATA_OPERATOR":
    case "VACCINATOR":
      return user.districtId !== null && user.blockId !== null
        ? { kind: "block", stateId, districtId: user.districtId, blockId: user.blockId }
        : { kind: "none" };
    default:
      return { kind: "none" };
  }
}

/** The scope of a user, reading the districts of a state officer's state (a small indexed read, never cached: a
 * district set up a minute ago is in scope at once). */
export async function scopeOf(db: Db, user: ScopeSubject | null): Promise<Scope> {
  if (user?.role !== "STATE_OFFICER" || user.stateId === null) return scopeFor(user);
  const districts = await db.district.findMany({ where: { stateId: user.stateId }, select: { id: true }, orderBy: { id: "asc" } });
  return scopeFor(user, districts.map((d) => d.id));
}

/**
 * What a helpdesk lookup may read: the helpdesk role is district-wide for looking up one beneficiary in its own
 * district (it keeps the empty scope everywhere else); every other role looks up within its ordinary scope.
 */
export function lookupScopeFor(user: ScopeSubject | null, ordinary: Scope): Scope {
  if (user?.role === "HELPDESK") {
    return user.stateId !== null && user.districtId !== null && user.blockId === null
      ? { kind: "district", stateId: user.stateId, districtId: user.districtId }
      : { kind: "none" };
  }
  return ordinary;
}

/** The districts a scope reaches (every district of the state for a state officer; empty for none). */
export function scopeDistrictIds(scope: Scope): readonly number[] {
  switch (scope.kind) {
    case "state":
      return scope.districtIds;
    case "district":
    case "block":
      return [scope.districtId];
    default:
      return [];
  }
}

/** The state a scope belongs to, or null: what the state's shared things (probe targets, rules) are read by. */
export function scopeStateId(scope: Scope): number | null {
  return scope.kind === "none" ? null : scope.stateId;
}

export function canSeeDistrict(scope: Scope, districtId: number): boolean {
  return scopeDistrictIds(scope).includes(districtId);
}

export function canSeeBlock(scope: Scope, block: { id: number; districtId: number }): boolean {
  if (scope.kind === "block") return scope.districtId === block.districtId && scope.blockId === block.id;
  return canSeeDistrict(scope, block.districtId);
}

type IdFilter = number | { in: number[] };

function districtFilter(scope: Scope): IdFilter {
  if (scope.kind === "district" || scope.kind === "block") return scope.districtId;
  return { in: [...scopeDistrictIds(scope)] };
}

/** Prisma filter on a fact model with districtId and blockId columns (records, sites, field reports, anomalies, users). */
export function factWhere(scope: Scope): { districtId: IdFilter; blockId?: number } {
  if (scope.kind === "block") return { districtId: scope.districtId, blockId: scope.blockId };
  return { districtId: districtFilter(scope) };
}

/** Prisma filter on a model with a districtId column only (imports, camps, helpdesk log): a block scope reaches its district's rows. */
export function districtIdWhere(scope: Scope): { districtId: IdFilter } {
  return { districtId: districtFilter(scope) };
}

/** Prisma filter on the Block model itself. */
export function blockWhere(scope: Scope): { districtId: IdFilter; id?: number } {
  if (scope.kind === "block") return { districtId: scope.districtId, id: scope.blockId };
  return { districtId: districtFilter(scope) };
}

/** Prisma filter on the District model. */
export function districtWhere(scope: Scope): { id: IdFilter } {
  return { id: districtFilter(scope) };
}

/**
 * SQL predicate for raw aggregate queries on a row with district and block columns; FALSE when the scope is unknown.
 * Pass the district column always: the block column alone would not name the shard.
 */
export function scopeSql(scope: Scope, columns: { district: Prisma.Sql; block?: Prisma.Sql }): Prisma.Sql {
  switch (scope.kind) {
    case "state":
      return scope.districtIds.length === 0 ? Prisma.sql`FALSE` : Prisma.sql`${columns.district} = ANY(${[...scope.districtIds]}::int[])`;
    case "district":
      return Prisma.sql`${columns.district} = ${scope.districtId}`;
    case "block":
      if (!columns.block) throw new Error("scopeSql: a block scope needs the block column");
      return Prisma.sql`${columns.district} = ${scope.districtId} AND ${columns.block} = ${scope.blockId}`;
    default:
      return Prisma.sql`FALSE`;
  }
}

/** Narrows a scope to one of its districts (a state officer drilling down), or the empty scope if it is not in it. */
export function narrowToDistrict(scope: Scope, districtId: number): Scope {
  if (!canSeeDistrict(scope, districtId) || scope.kind === "none") return { kind: "none" };
  if (scope.kind === "block") return scope;
  return { kind: "district", stateId: scope.stateId, districtId };
}

/** Narrows a scope to one block it can see, or the empty scope. */
export function narrowToBlock(scope: Scope, block: { id: number; districtId: number }): Scope {
  if (!canSeeBlock(scope, block) || scope.kind === "none") return { kind: "none" };
  return { kind: "block", stateId: scope.stateId, districtId: block.districtId, blockId: block.id };
}

/**
 * The one district a district or block scope works in (where its writes go: an import, a helpdesk log line), or
 * null for a state or empty scope, which write nothing of a district's.
 */
export function homeDistrictOf(scope: Scope): number | null {
  return scope.kind === "district" || scope.kind === "block" ? scope.districtId : null;
}

/** The scope's state, for what a state shares (probe targets, alert settings, rules); refused for the empty scope. */
export function requireStateOf(scope: Scope): number {
  if (scope.kind === "none") throw new AppError("FORBIDDEN", "noScope");
  return scope.stateId;
}
