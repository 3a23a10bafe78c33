/**
 * Probe target configuration and maintenance windows (issue 4). Writes are the district officer's (the
 * routers check the role); reads are district-wide facts open to every signed-in role.
 *
 * A create or an update that changes the URL also resolves the host and refuses it when any address it maps to
 * is link-local or a cloud-metadata endpoint (see server/probes/target-url.ts). A DNS failure is refused too,
 * with what to do: a mistyped host is the likely cause, and an IP address can be given when the portal's DNS
 * is down at the moment.
 */
import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { crossFieldProblems, type MaintenanceWindowInput, type ProbeTargetConfig, type ProbeTargetInput, type ProbeTargetPatch } from "@/server/api/schemas/probe-target";
import { resolvedAddressAllowed, validateTargetUrl, type LookupFn } from "@/server/probes/target-url";

export type ProbeTargetErrorCode = "BAD_REQUEST" | "NOT_FOUND" | "CONFLICT";

export class ProbeTargetError extends Error {
  constructor(
    readonly code: ProbeTargetErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ProbeTargetError";
  }
}

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
  if (!verdict.ok) throw new ProbeTargetError("BAD_REQUEST", `${field} refused: ${verdict.reason}. Give a full http:// or https:// address.`);
  const dns = await resolvedAddressAllowed(verdict.url, lookup);
  if (!dns.ok) {
    const hint = dns.reason.startsWith("DNS lookup failed")
      ? "Check the host name; if its DNS is down right now, give the IP address or try again later."
      : "Link-local and cloud-metadata addresses cannot be probed; give the portal's public or intranet address.";
    throw new ProbeTargetError("BAD_REQUEST", `${field} refused: ${dns.reason}. ${hint}`);
  }
}

async function assertNameFree(db: Db, name: string, exceptId?: number): Promise<void> {
  const clash = await db.probeTarget.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true, name: true },
  });
  if (clash) throw nameTaken(clash.name, clash.id);
}

const nameTaken = (name: string, id?: number) =>
  new ProbeTargetError("CONFLICT", `A target named "${name}" already exists${id ? ` (id ${id})` : ""}; choose another name or change that target.`);

function rethrowUnique(error: unknown, name: string): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw nameTaken(name);
  throw error;
}

export async function createProbeTarget(db: Db, input: ProbeTargetInput, userId: number | null, options: WriteOptions = {}): Promise<ProbeTargetRow> {
  const problems = crossFieldProblems(input);
  if (problems.length) throw new ProbeTargetError("BAD_REQUEST", problems.map((p) => p.message).join(" "));
  await assertUrlReachableSafely(input.url, options.lookup);
  await assertNameFree(db, input.name);
  try {
    return await db.probeTarget.create({ data: { ...input, createdById: userId }, select: CONFIG_SELECT });
  } catch (error) {
    rethrowUnique(error, input.name);
  }
}

export async function getProbeTargetConfig(db: Db, id: number): Promise<ProbeTargetRow | null> {
  return db.probeTarget.findUnique({ where: { id }, select: CONFIG_SELECT });
}

export async function updateProbeTarget(db: Db, id: number, patch: ProbeTargetPatch, options: WriteOptions = {}): Promise<ProbeTargetRow> {
  const current = await getProbeTargetConfig(db, id);
  if (!current) throw new ProbeTargetError("NOT_FOUND", `There is no probe target ${id}.`);
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<ProbeTargetConfig>;
  const merged = { ...current, ...changes };
  const problems = crossFieldProblems(merged);
  if (problems.length) throw new ProbeTargetError("BAD_REQUEST", problems.map((p) => p.message).join(" "));
  if (changes.url !== undefined && changes.url !== current.url) await assertUrlReachableSafely(changes.url, options.lookup);
  if (changes.name !== undefined) await assertNameFree(db, changes.name, id);
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
export async function listMaintenanceWindows(db: Db, targetId: number, now: Date): Promise<MaintenanceWindow[]> {
  if (!(await db.probeTarget.findUnique({ where: { id: targetId }, select: { id: true } }))) {
    throw new ProbeTargetError("NOT_FOUND", `There is no probe target ${targetId}.`);
  }
  const rows = await db.probeMaintenanceWindow.findMany({ where: { targetId }, orderBy: [{ startsAt: "desc" }, { id: "desc" }], take: 200 });
  return rows.map((w) => toWindow(w, now));
}

/**
 * Decision: a window that has already ended is refused, because the checks it would have covered are recorded
 * already and their states are not rewritten; planned work is entered before it ends.
 */
export async function createMaintenanceWindow(db: Db, input: MaintenanceWindowInput, userId: number | null, now: Date): Promise<MaintenanceWindow> {
  if (!(await db.probeTarget.findUnique({ where: { id: input.targetId }, select: { id: true } }))) {
    throw new ProbeTargetError("NOT_FOUND", `There is no probe target ${input.targetId}.`);
  }
  if (input.endsAt.getTime() <= now.getTime()) {
    throw new ProbeTargetError("BAD_REQUEST", "This window has already ended; recorded checks are not rewritten. Give a window that ends in the future.");
  }
  const row = await db.probeMaintenanceWindow.create({
    data: { targetId: input.targetId, startsAt: input.startsAt, endsAt: input.endsAt, reason: input.reason, createdById: userId, createdAt: now },
  });
  return toWindow(row, now);
}

export async function deleteMaintenanceWindow(db: Db, id: number): Promise<{ id: number; targetId: number }> {
  const row = await db.probeMaintenanceWindow.findUnique({ where: { id }, select: { id: true, targetId: true } });
  if (!row) throw new ProbeTargetError("NOT_FOUND", `There is no maintenance window ${id}.`);
  await db.probeMaintenanceWindow.delete({ where: { id } });
  return row;
}
