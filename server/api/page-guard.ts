import "server-only";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { cache } from "react";
import { userFromSession, type SessionUser } from "@/server/auth/current-user";
import { can, homePathFor, type Capability } from "@/server/auth/policy";
import { createCallerFactory } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import { runtime } from "@/server/api/runtime";
import { newRequestId } from "@/server/api/request-id";
import { DISTRICT_HEADER } from "@/server/api/district-focus";

/** The signed-in user, read once per page render (the header and the page both need it). */
export const currentUser = cache(() => userFromSession(runtime().db));

const createCaller = createCallerFactory(appRouter);

/**
 * The procedures, called from a server page with the page's user and the request's clock: pages read data through
 * exactly the same authorization, scope and clock as the browser's own calls, never the database directly.
 */
export const pageCaller = cache(async () => {
  const { db, replica, now } = runtime();
  // Under /districts/<slug>/… the proxy names the page's district (from the URL), and the caller narrows to it.
  return createCaller({ db, replica, user: await currentUser(), now, requestId: newRequestId(), district: await pageDistrict() });
});

/**
 * For server pages: the signed-in user (or a redirect to the sign-in page that comes back here) and whether the
 * policy lets them use this page. A role with one page (the helpdesk) is sent there; anyone else who may not use
 * the page gets the page's own refusal, so that they learn why.
 */
export async function requirePage(returnTo: string, capability: Capability): Promise<{ user: SessionUser; allowed: boolean }> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  const allowed = can(user, capability);
  if (!allowed && !can(user, "dashboard.read")) redirect(homePathFor(user));
  return { user, allowed };
}

/** The district a page under /districts/<slug>/… looks at (set by the proxy from the URL), or null. */
export async function pageDistrict(): Promise<string | null> {
  return (await headers()).get(DISTRICT_HEADER);
}
