import "server-only";
import { redirect } from "next/navigation";
import { userFromSession, type SessionUser } from "@/server/auth/current-user";

/** For server pages: the signed-in user, or a redirect to the sign-in page that comes back here. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await userFromSession();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
