import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** What procedures return, as the browser sees it; client components derive their row types from here. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type BlockBacklogRow = RouterOutputs["backlog"]["getSummary"]["blocks"][number];
export type CampBacklogRow = RouterOutputs["backlog"]["listBlockCamps"][number];
export type PendingRecordRow = RouterOutputs["backlog"]["findPendingRecords"]["rows"][number];
