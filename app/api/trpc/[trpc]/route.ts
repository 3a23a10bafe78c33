import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { getDb } from "@/server/db/client";
import { userFromBearer, userFromSession } from "@/server/auth/current-user";
import { logger } from "@/server/logger";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => {
      const db = getDb();
      const user = (await userFromSession(db)) ?? (await userFromBearer(db, req.headers.get("authorization"), new Date()));
      return { db, user, now: () => new Date() };
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error, path }, "tRPC procedure failed");
    },
  });
}

export { handler as GET, handler as POST };
