import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { Role } from "@/server/generated/prisma/enums";

/**
 * The one place that turns a user into what they may see. Everything unknown is denied:
 * a role without a rule, or a block role without a block, gets the empty scope.
 */
export type Scope = { kind: "district" } | { kind: "block"; blockId: number } | { kind: "none" };

export type ScopeSubject = { role: Role; blockId: number | null };

export function scopeFor(user: ScopeSubject | null): Scope {
  if (!user) return { kind: "none" };
  switch (user.role) {
    case "DISTRICT_OFFICER":
      return { kind: "district" };
    case "BLOCK_SUPERVISOR":
    case "DATA_OPERATOR":
      return user.blockId ? { kind: "block", blockId: user.blockId } : { kind: "none" };
    default:
      return { kind: "none" };
  }
}

/**
 * What a helpdesk lookup may read: the helpdesk role is district-wide for looking up one beneficiary (it keeps
 * the empty scope everywhere else); every other role looks up within its ordinary scope.
 */
export function lookupScopeFor(user: ScopeSubject | null): Scope {
  if (user?.role === "HELPDESK") return { kind: "district" };
  return scopeFor(user);
}

export function canSeeBlock(scope: Scope, blockId: number): boolean {
  if (scope.kind === "district") return true;
  if (scope.kind === "block") return scope.blockId === blockId;
  return false;
}

/** Prisma filter on a model with a blockId column (records, sites, users). */
export function blockIdWhere(scope: Scope): { blockId?: number | { in: number[] } } {
  if (scope.kind === "district") return {};
  if (scope.kind === "block") return { blockId: scope.blockId };
  return { blockId: { in: [] } };
}

/** Prisma filter on the Block model itself. */
export function blockWhere(scope: Scope): { id?: number | { in: number[] } } {
  if (scope.kind === "district") return {};
  if (scope.kind === "block") return { id: scope.blockId };
  return { id: { in: [] } };
}

/** SQL predicate on a block id column, for raw aggregate queries; FALSE when the scope is unknown. */
export function blockIdSql(scope: Scope, column: Prisma.Sql): Prisma.Sql {
  if (scope.kind === "district") return Prisma.sql`TRUE`;
  if (scope.kind === "block") return Prisma.sql`${column} = ${scope.blockId}`;
  return Prisma.sql`FALSE`;
}
