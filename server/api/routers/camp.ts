import "server-only";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { listCampDevices } from "@/server/services/camp-sync/camp-devices";

export const campRouter = createTRPCRouter({
  /** The camp devices of the blocks in scope (supervisor: their block; DIO: the district). */
  devices: authorized("camp.devices").query(({ ctx }) => listCampDevices(ctx.db, ctx.scope, ctx.now())),
});
