import NextAuthImport from "next-auth";
import { authOptions } from "@/server/auth/options";

export const dynamic = "force-dynamic";

const NextAuth = (NextAuthImport as unknown as { default?: typeof NextAuthImport }).default ?? NextAuthImport;
const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
