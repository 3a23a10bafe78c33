import type { NextAuthOptions } from "next-auth";
import CredentialsProviderImport from "next-auth/providers/credentials";
import { getDb } from "@/server/db/client";
import { signIn } from "@/server/services/sign-in";
import { clientAddress, trustedProxyHeader } from "@/server/auth/client-address";
import { logger } from "@/server/logger";
import type { Role } from "@/server/generated/prisma/enums";

// next-auth v4 is CommonJS; under some loaders its default export arrives wrapped once more.
const CredentialsProvider =
  (CredentialsProviderImport as unknown as { default?: typeof CredentialsProviderImport }).default ?? CredentialsProviderImport;

export const SIGN_IN_ERRORS = {
  invalid: "Wrong username or password.",
  throttled: "Too many failed attempts.",
} as const;

/** The English refusal; the sign-in form reads the seconds back out of it to say the same in Hindi. */
export function throttledMessage(retryAfterMs: number): string {
  return `${SIGN_IN_ERRORS.throttled} Try again in ${Math.ceil(retryAfterMs / 1000)} s.`;
}

type HeaderRecord = Record<string, string | string[] | undefined>;

let warnedSharedBucket = false;

function sourceAddress(headers: HeaderRecord | undefined): string | null {
  const header = trustedProxyHeader();
  if (!header && !warnedSharedBucket) {
    warnedSharedBucket = true;
    logger.warn("TEEKA_TRUSTED_PROXY_HEADER is not set: all sign-in attempts share one per-address failure budget");
  }
  return clientAddress(headers, header);
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Username and password",
      credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const username = credentials?.username ?? "";
        const password = credentials?.password ?? "";
        if (!username || !password) throw new Error(SIGN_IN_ERRORS.invalid);
        // next-auth hands authorize the request's headers only (no socket address): see client-address.ts.
        const headers = req?.headers as HeaderRecord | undefined;
        const result = await signIn(getDb(), username, password, new Date(), sourceAddress(headers));
        if (result.ok) return { id: String(result.user.id), name: result.user.displayName, role: result.user.role };
        if (result.reason === "throttled") {
          throw new Error(throttledMessage(result.retryAfterMs));
        }
        throw new Error(SIGN_IN_ERRORS.invalid);
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.userId = Number(user.id);
        token.role = (user as { role?: Role }).role;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.userId as number | undefined };
    },
  },
};
