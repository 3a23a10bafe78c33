/**
 * The access log for the district officer: every helpdesk search (masked) and every person opened, newest first.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import { districtIdWhere, type Scope } from "@/server/auth/scope";

export const ACCESS_LOG_PAGE_SIZE = 50;

export type AccessLogRow = {
  id: number;
  at: Date;
  user: { id: number; username: string; displayName: string; role: string } | null;
  action: "SEARCH" | "OPEN";
  searchKind: string | null;
  searchText: string | null;
  resultCount: number | null;
  /** The record opened: its register serial and block, never the person's name or numbers. */
  record: { id: number; registerSerial: string; block: string; dose: number } | null;
};

export type AccessLogPage = {
  rows: AccessLogRow[];
  total: number;
  page: number;
  pageCount: number;
  users: { id: number; displayName: string; username: string }[];
};

/** The log of the scope's districts only: a district officer never sees another district's helpdesk. */
export async function listAccessLog(db: Db, scope: Scope, options: { page: number; userId?: number | null }): Promise<AccessLogPage> {
  const inScope = districtIdWhere(scope);
  const where = options.userId ? { ...inScope, userId: options.userId } : inScope;
  const [total, entries, userIds] = await Promise.all([
    db.helpdeskLookup.count({ where }),
    db.helpdeskLookup.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (options.page - 1) * ACCESS_LOG_PAGE_SIZE,
      take: ACCESS_LOG_PAGE_SIZE,
    }),
    db.helpdeskLookup.findMany({ where: inScope, distinct: ["userId"], select: { userId: true } }),
  ]);
  const wantedUsers = [...new Set([...entries.map((e) => e.userId), ...userIds.map((u) => u.userId)])];
  const recordIds = entries.flatMap((e) => (e.recordId ? [e.recordId] : []));
  const [users, records] = await Promise.all([
    db.user.findMany({ where: { id: { in: wantedUsers } }, select: { id: true, username: true, displayName: true, role: true } }),
    db.vaccinationRecord.findMany({ where: { id: { in: recordIds } }, select: { id: true, registerSerial: true, dose: true, block: { select: { name: true } } } }),
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const recordById = new Map(records.map((r) => [r.id, r]));
  return {
    rows: entries.map((e) => {
      const record = e.recordId ? recordById.get(e.recordId) : undefined;
      return {
        id: e.id,
        at: e.at,
        user: userById.get(e.userId) ?? null,
        action: e.action,
        searchKind: e.searchKind,
        searchText: e.searchText,
        resultCount: e.resultCount,
        record: record ? { id: record.id, registerSerial: record.registerSerial, block: record.block.name, dose: record.dose } : null,
      };
    }),
    total,
    page: options.page,
    pageCount: Math.max(1, Math.ceil(total / ACCESS_LOG_PAGE_SIZE)),
    users: userIds
      .map((u) => userById.get(u.userId))
      .filter((u): u is NonNullable<typeof u> => Boolean(u))
      .map((u) => ({ id: u.id, displayName: u.displayName, username: u.username }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName)),
  };
}
