import "server-only";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { hashPassword } from "@/server/auth/password";
import { findBlockByNameOrSlug } from "@/server/services/backlog/blocks";
import { endSessionsOfUser } from "@/server/auth/user-sessions";

export const ZNewUser = z
  .object({
    username: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,40}$/, "Usernames are 3–40 of a–z, 0–9, dot, dash, underscore."),
    displayName: z.string().trim().min(2).max(80),
    role: z.enum(["DISTRICT_OFFICER", "BLOCK_SUPERVISOR", "DATA_OPERATOR", "HELPDESK"]),
    block: z.string().trim().optional(),
    password: z.string().min(10, "Passwords need at least 10 characters."),
  })
  .refine((u) => u.role === "DISTRICT_OFFICER" || u.role === "HELPDESK" || !!u.block, { message: "A block supervisor or data operator needs --block.", path: ["block"] })
  .refine((u) => (u.role !== "DISTRICT_OFFICER" && u.role !== "HELPDESK") || !u.block, { message: "A district officer or helpdesk account is not tied to a block.", path: ["block"] });

export type NewUser = z.infer<typeof ZNewUser>;

/**
 * Creates an account, or with `resetPassword` sets a new password on an existing one; a new password ends
 * every session of the account (whoever knew the old one is signed out too).
 */
export async function saveUser(db: Db, input: NewUser, resetPassword = false, now: Date = new Date()): Promise<{ id: number; created: boolean; endedSessions?: number }> {
  const block = input.block ? await findBlockByNameOrSlug(db, input.block) : null;
  if (input.block && !block) throw new Error(`Unknown block "${input.block}".`);
  const passwordHash = await hashPassword(input.password);
  const existing = await db.user.findUnique({ where: { username: input.username } });
  if (existing && !resetPassword) throw new Error(`User "${input.username}" exists; add --reset-password to set a new password.`);
  if (existing) {
    const endedSessions = await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: existing.id }, data: { passwordHash } });
      return endSessionsOfUser(tx, existing.id, "PASSWORD_CHANGED", now);
    });
    return { id: existing.id, created: false, endedSessions };
  }
  const user = await db.user.create({
    data: { username: input.username, displayName: input.displayName, role: input.role, blockId: block?.id ?? null, passwordHash },
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
