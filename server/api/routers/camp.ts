import "server-only";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { listCampDevices } from "@/server/services/camp-sync/camp-devices";
import { campVaccinesOf } from "@/server/services/camp-sync/camp-vaccines";
import { homeDistrictOf } from "@/server/auth/scope";

export const campRouter = createTRPCRouter({
  /** The camp devices of the blocks in scope (supervisor: their block; DIO: the district). */
  /** The vaccines of the caller's state, for the camp app's form (it checks doses offline with them). */
  vaccines: authorized("camp.record").query(({ ctx }) => campVaccinesOf(ctx.db, homeDistrictOf(ctx.scope) ?? -1)),
  devices: authorized("camp.devices").query(({ ctx }) => listCampDevices(ctx.db, ctx.scope, ctx.now())),
});
