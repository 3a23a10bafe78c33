import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { userFromSession, type SessionUser } from "@/server/auth/current-user";

/** The signed-in user, read once per page render (the header and the page both need it). */
export const currentUser = cache(() => userFromSession());

/** For server pages: the signed-in user, or a redirect to the sign-in page that comes back here. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  // The helpdesk role has one page; every other page (backlog, blocks, imports ...) sends it there.
  if (user.role === "HELPDESK" && !isHelpdeskPage(returnTo)) redirect("/helpdesk");
  return user;
}

export function isHelpdeskPage(path: string): boolean {
  return path === "/helpdesk" || path.startsWith("/helpdesk/") || path.startsWith("/helpdesk?");
}
