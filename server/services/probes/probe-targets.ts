/**
 * Probe target configuration and maintenance windows (issue 4). Writes are the district officer's (the
 * routers check the role); reads are district-wide facts open to every signed-in role.
 *
 * A create or an update that changes the URL also resolves the host and refuses it when any address it maps to
 * is link-local or a cloud-metadata endpoint (see server/probes/target-url.ts). A DNS failure is refused too,
 * with what to do: a mistyped host is the likely cause, and an IP address can be given when the portal's DNS
 * is down at the moment.
 */
import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import { AppError, invalidFields } from "@/server/errors/app-error";
import type { Db } from "@/server/db/client";
import { requireStateOf, scopeStateId, type Scope } from "@/server/auth/scope";
import { crossFieldProblems, type MaintenanceWindowInput, type ProbeTargetConfig, type ProbeTargetInput, type ProbeTargetPatch } from "@/server/services/probes/probe-target-schema";
import { resolvedAddressAllowed, validateTargetUrl, type LookupFn } from "@/server/services/probes/target-url";

export type WriteOptions = { lookup?: LookupFn };

export type ProbeTargetRow = ProbeTargetConfig & { id: number };

/** The configuration columns of a target (the API's JSON fields), for Prisma selects. */
export const CONFIG_SELECT = {
  id: true,
  name: true,
  url: true,
  method: true,
  expectedStatus: true,
  keyword: true,
  intervalSeconds: true,
  timeoutMs: true,
  slowMs: true,
  retries: true,
  enabled: true,
} as const;

/** Refuses a URL whose host resolves to a forbidden address, or does not resolve. */
export async function assertUrlReachableSafely(raw: string, lookup?: LookupFn, field = "url"): Promise<void> {
  const verdict = validateTargetUrl(raw);
  if (!verdict.ok) throw new AppError("BAD_REQUEST", "urlRefused", { field, reason: verdict.reason });
  const dns = await resolvedAddressAllowed(verdict.url, lookup);
  if (!dns.ok) throw new AppError("BAD_REQUEST", dns.reason.startsWith("DNS lookup failed") ? "urlDnsFailed" : "urlForbiddenAddress", { field, reason: dns.reason });
}

async function assertNameFree(db: Db, stateId: number, name: string, exceptId?: number): Promise<void> {
  const clash = await db.probeTarget.findFirst({
    where: { stateId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true, name: true },
  });
  if (clash) throw nameTaken(clash.name);
}

const nameTaken = (name: string) => new AppError("CONFLICT", "probeNameTaken", { name });

function refuseCrossField(config: Parameters<typeof crossFieldProblems>[0]): void {
  const problems = crossFieldProblems(config);
  if (problems.length) throw invalidFields(problems);
}

function rethrowUnique(error: unknown, name: string): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw nameTaken(name);
  throw error;
}

/** A new target of the scope's state (shared by its districts). */
export async function createProbeTarget(db: Db, scope: Scope, input: ProbeTargetInput, userId: number | null, options: WriteOptions = {}): Promise<ProbeTargetRow> {
  const stateId = requireStateOf(scope);
  refuseCrossField(input);
  await assertUrlReachableSafely(input.url, options.lookup);
  await assertNameFree(db, stateId, input.name);
  try {
    return await db.probeTarget.create({ data: { ...input, stateId, createdById: userId }, select: CONFIG_SELECT });
  } catch (error) {
    rethrowUnique(error, input.name);
  }
}

/** A target of the scope's state; another state's reads like one that does not exist (null). */
export async function getProbeTargetConfig(db: Db, scope: Scope, id: number): Promise<ProbeTargetRow | null> {
  return db.probeTarget.findFirst({ where: { id, stateId: requireStateOf(scope) }, select: CONFIG_SELECT });
}

export async function updateProbeTarget(db: Db, scope: Scope, id: number, patch: ProbeTargetPatch, options: WriteOptions = {}): Promise<ProbeTargetRow> {
  const current = await getProbeTargetConfig(db, scope, id);
  if (!current) throw new AppError("NOT_FOUND", "probeTargetNotFound", { id });
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<ProbeTargetConfig>;
  refuseCrossField({ ...current, ...changes });
  if (changes.url !== undefined && changes.url !== current.url) await assertUrlReachableSafely(changes.url, options.lookup);
  if (changes.name !== undefined) await assertNameFree(db, requireStateOf(scope), changes.name, id);
  try {
    return await db.probeTarget.update({ where: { id }, data: changes, select: CONFIG_SELECT });
  } catch (error) {
    rethrowUnique(error, changes.name ?? current.name);
  }
}

export type MaintenanceWindow = { id: number; targetId: number; startsAt: Date; endsAt: Date; reason: string; createdAt: Date; active: boolean };

function toWindow(w: { id: number; targetId: number; startsAt: Date; endsAt: Date; reason: string; createdAt: Date }, now: Date): MaintenanceWindow {
  return { ...w, active: w.startsAt.getTime() <= now.getTime() && now.getTime() < w.endsAt.getTime() };
}

/** A target's maintenance windows, latest start first; `active` = in force at `now`. */
export async function listMaintenanceWindows(db: Db, scope: Scope, targetId: number, now: Date): Promise<MaintenanceWindow[]> {
  await assertProbeTargetInScope(db, scope, targetId);
  const rows = await db.probeMaintenanceWindow.findMany({ where: { targetId }, orderBy: [{ startsAt: "desc" }, { id: "desc" }], take: 200 });
  return rows.map((w) => toWindow(w, now));
}

/**
 * Decision: a window that has already ended is refused, because the checks it would have covered are recorded
 * already and their states are not rewritten; planned work is entered before it ends.
 */
export async function createMaintenanceWindow(db: Db, scope: Scope, input: MaintenanceWindowInput, userId: number | null, now: Date): Promise<MaintenanceWindow> {
  await assertProbeTargetInScope(db, scope, input.targetId);
  if (input.endsAt.getTime() <= now.getTime()) {
    throw new AppError("BAD_REQUEST", "maintenanceEnded");
  }
  const row = await db.probeMaintenanceWindow.create({
    data: { targetId: input.targetId, startsAt: input.startsAt, endsAt: input.endsAt, reason: input.reason, createdById: userId, createdAt: now },
  });
  return toWindow(row, now);
}

export async function deleteMaintenanceWindow(db: Db, scope: Scope, id: number): Promise<{ id: number; targetId: number }> {
  const row = await db.probeMaintenanceWindow.findFirst({ where: { id, target: { stateId: requireStateOf(scope) } }, select: { id: true, targetId: true } });
  if (!row) throw new AppError("NOT_FOUND", "maintenanceNotFound", { id });
  await db.probeMaintenanceWindow.delete({ where: { id } });
  return row;
}

/** NOT_FOUND unless the target exists and is the scope's state's (targets are shared by a state's districts). */
export async function assertProbeTargetInScope(db: Db, scope: Scope, id: number): Promise<void> {
  const found = await db.probeTarget.findFirst({ where: { id, stateId: scopeStateId(scope) ?? -1 }, select: { id: true } });
  if (!found) throw new AppError("NOT_FOUND", "probeTargetNotFound", { id });
}
