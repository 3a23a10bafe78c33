import "server-only";
import type { NextAuthOptions } from "next-auth";
import { SIGN_IN_INVALID, throttledCode } from "@/core/contracts/sign-in";
import CredentialsProviderImport from "next-auth/providers/credentials";
import { getDb } from "@/server/db/client";
import { signIn } from "@/server/auth/sign-in";
import { clientAddress, configuredProxyHeader } from "@/server/auth/client-address";
import { SESSION_MAX_AGE_MS } from "@/server/auth/session-policy";
import { endSession, startSession } from "@/server/auth/user-sessions";
import { logger } from "@/server/logger";
import type { Role } from "@/server/generated/prisma/enums";

// next-auth v4 is CommonJS; under some loaders its default export arrives wrapped once more.
const CredentialsProvider =
  (CredentialsProviderImport as unknown as { default?: typeof CredentialsProviderImport }).default ?? CredentialsProviderImport;


type HeaderRecord = Record<string, string | string[] | undefined>;
type AuthorizedUser = { id: string; name: string; role: Role; userAgent: string | null };

let warnedSharedBucket = false;

function sourceAddress(headers: HeaderRecord | undefined): string | null {
  const header = configuredProxyHeader();
  if (!header && !warnedSharedBucket) {
    warnedSharedBucket = true;
    logger.warn("TEEKA_TRUSTED_PROXY_HEADER is not set: all sign-in attempts share one per-address failure budget");
  }
  return clientAddress(headers, header);
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_MS / 1000 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Username and password",
      credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req): Promise<AuthorizedUser> {
        const username = credentials?.username ?? "";
        const password = credentials?.password ?? "";
        if (!username || !password) throw new Error(SIGN_IN_INVALID);
        // next-auth hands authorize the request's headers only (no socket address): see client-address.ts.
        const headers = req?.headers as HeaderRecord | undefined;
        const result = await signIn(getDb(), username, password, new Date(), sourceAddress(headers));
        if (result.ok) {
          const agent = headers?.["user-agent"];
          return { id: String(result.user.id), name: result.user.displayName, role: result.user.role, userAgent: typeof agent === "string" ? agent : null };
        }
        if (result.reason === "throttled") throw new Error(throttledCode(result.retryAfterMs));
        throw new Error(SIGN_IN_INVALID);
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      // `user` is present only at sign-in: the one moment a session record is created. The cookie carries
      // its id (`sid`); every request checks that record, so the cookie alone proves nothing after sign-out.
      if (user) {
        const signedIn = user as unknown as AuthorizedUser;
        token.userId = Number(signedIn.id);
        token.role = signedIn.role;
        token.sid = await startSession(getDb(), token.userId as number, new Date(), signedIn.userAgent);
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.userId as number | undefined };
    },
  },
  events: {
    // With the JWT strategy next-auth decodes the cookie at POST /api/auth/signout and passes it here.
    async signOut({ token }) {
      const sid = (token as { sid?: unknown } | null)?.sid;
      if (typeof sid === "string") await endSession(getDb(), sid, "SIGN_OUT", new Date());
    },
  },
};
