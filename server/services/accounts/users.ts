import "server-only";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { hashPassword } from "@/server/auth/password";
import { blockDirectoryOf } from "@/server/services/backlog/blocks";
import { endSessionsOfUser } from "@/server/auth/user-sessions";

const BLOCK_ROLES = ["BLOCK_SUPERVISOR", "DATA_OPERATOR", "VACCINATOR"] as const;
const DISTRICT_ROLES = ["DISTRICT_OFFICER", "HELPDESK", ...BLOCK_ROLES] as const;

export const ZNewUser = z
  .object({
    username: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,40}$/, "Usernames are 3–40 of a–z, 0–9, dot, dash, underscore."),
    displayName: z.string().trim().min(2).max(80),
    role: z.enum(["STATE_OFFICER", ...DISTRICT_ROLES]),
    state: z.string().trim().min(1).optional(),
    district: z.string().trim().min(1).optional(),
    block: z.string().trim().min(1).optional(),
    password: z.string().min(10, "Passwords need at least 10 characters."),
  })
  .refine((u) => u.role !== "STATE_OFFICER" || (!u.district && !u.block), { message: "A state officer belongs to a state (--state), not to a district or block.", path: ["district"] })
  .refine((u) => u.role === "STATE_OFFICER" || !!u.district, { message: "Every role but STATE_OFFICER needs --district.", path: ["district"] })
  .refine((u) => !(BLOCK_ROLES as readonly string[]).includes(u.role) || !!u.block, { message: "A block supervisor, data operator or vaccinator needs --block.", path: ["block"] })
  .refine((u) => (BLOCK_ROLES as readonly string[]).includes(u.role) || !u.block, { message: "A state officer, district officer or helpdesk account is not tied to a block.", path: ["block"] });

export type NewUser = z.infer<typeof ZNewUser>;

type Place = { stateId: number | null; districtId: number | null; blockId: number | null };

/** The state by name (or the only one, when the database has one and --state is left out). */
async function stateNamed(db: Db, name: string | undefined): Promise<{ id: number; name: string }> {
  if (name) {
    const state = await db.state.findFirst({ where: { name: { equals: name, mode: "insensitive" } } });
    if (!state) throw new Error(`Unknown state "${name}".`);
    return state;
  }
  const states = await db.state.findMany({ take: 2 });
  if (states.length !== 1) throw new Error(states.length === 0 ? "There is no state yet: set up a district first (npm run create-district)." : "Name the state with --state.");
  return states[0]!;
}

/** Where the new account works, looked up by name: a state, or a district of it and perhaps one of its blocks. */
async function placeOf(db: Db, input: NewUser): Promise<Place> {
  const state = await stateNamed(db, input.state);
  if (input.role === "STATE_OFFICER") return { stateId: state.id, districtId: null, blockId: null };
  const district = await db.district.findFirst({ where: { stateId: state.id, name: { equals: input.district!, mode: "insensitive" } } });
  if (!district) throw new Error(`Unknown district "${input.district}" in ${state.name}.`);
  if (!district.setUpAt) throw new Error(`${district.name} is not set up yet: set it up first (npm run create-district).`);
  if (!input.block) return { stateId: null, districtId: district.id, blockId: null };
  const found = (await blockDirectoryOf(db, [district.id])).find(input.block);
  if (found.length !== 1) throw new Error(`Unknown block "${input.block}" in ${district.name}.`);
  return { stateId: null, districtId: district.id, blockId: found[0]!.id };
}

/**
 * Creates an account, or with `resetPassword` sets a new password on an existing one; a new password ends
 * every session of the account (whoever knew the old one is signed out too).
 */
export async function saveUser(db: Db, input: NewUser, resetPassword = false, now: Date = new Date()): Promise<{ id: number; created: boolean; endedSessions?: number }> {
  const existing = await db.user.findUnique({ where: { username: input.username } });
  if (existing && !resetPassword) throw new Error(`User "${input.username}" exists; add --reset-password to set a new password.`);
  const passwordHash = await hashPassword(input.password);
  if (existing) {
    const endedSessions = await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: existing.id }, data: { passwordHash } });
      return endSessionsOfUser(tx, existing.id, "PASSWORD_CHANGED", now);
    });
    return { id: existing.id, created: false, endedSessions };
  }
  const place = await placeOf(db, input);
  const user = await db.user.create({
    data: { username: input.username, displayName: input.displayName, role: input.role, ...place, passwordHash },
  });
  return { id: user.id, created: true };
}

export type DisableResult = { changed: boolean; endedSessions: number };

/**
 * Disables an account (it cannot sign in, its sessions end, its API tokens are refused) or enables it again
 * (sessions stay ended: the user signs in afresh). Throws for an unknown username.
 */
export async function setUserDisabled(db: Db, username: string, disabled: boolean, now: Date): Promise<DisableResult> {
  const key = username.trim().toLowerCase();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { username: key }, select: { id: true, disabledAt: true } });
    if (!user) throw new Error(`Unknown user "${key}".`);
    const changed = disabled !== !!user.disabledAt;
    if (changed) await tx.user.update({ where: { id: user.id }, data: { disabledAt: disabled ? now : null } });
    // Also when already disabled: a session that slipped in (a sign-in racing the disable) is ended now.
    const endedSessions = disabled ? await endSessionsOfUser(tx, user.id, "DISABLED", now) : 0;
    return { changed, endedSessions };
  });
}
