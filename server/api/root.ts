import "server-only";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { backlogRouter } from "@/server/api/routers/backlog";
import { blocksRouter } from "@/server/api/routers/blocks";
import { apiTokensRouter } from "@/server/api/routers/api-tokens";
import { recordsRouter } from "@/server/api/routers/records";
import { importsRouter } from "@/server/api/routers/imports";
import { anomaliesRouter } from "@/server/api/routers/anomalies";
import { sitesRouter } from "@/server/api/routers/sites";
import { eventsRouter } from "@/server/api/routers/events";
import { probesRouter } from "@/server/api/routers/probes";
import { campsRouter } from "@/server/api/routers/camps";
import { performanceRouter } from "@/server/api/routers/performance";
import { helpdeskRouter } from "@/server/api/routers/helpdesk";
import { preferencesRouter } from "@/server/api/routers/preferences";
import { reportsRouter } from "@/server/api/routers/reports";
import { stateRouter } from "@/server/api/routers/state";
import { setupRouter } from "@/server/api/routers/setup";
import { channelsRouter } from "@/server/api/routers/channels";
import { contactsRouter } from "@/server/api/routers/contacts";
import { campRouter } from "@/server/api/routers/camp";
import { replicaRouter } from "@/server/api/routers/replica";
import { rulesRouter } from "@/server/api/routers/rules";

export const appRouter = createTRPCRouter({
  me: authorized("self").query(({ ctx }) => ({ ...ctx.user, scope: ctx.scope })),
  backlog: backlogRouter,
  blocks: blocksRouter,
  apiTokens: apiTokensRouter,
  records: recordsRouter,
  imports: importsRouter,
  anomalies: anomaliesRouter,
  sites: sitesRouter,
  events: eventsRouter,
  probes: probesRouter,
  camps: campsRouter,
  performance: performanceRouter,
  helpdesk: helpdeskRouter,
  preferences: preferencesRouter,
  reports: reportsRouter,
  state: stateRouter,
  setup: setupRouter,
  channels: channelsRouter,
  contacts: contactsRouter,
  camp: campRouter,
  replica: replicaRouter,
  rules: rulesRouter,
});

export type AppRouter = typeof appRouter;
