import "server-only";
import { z } from "zod";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { ZId } from "@/core/contracts/ids";
import { MAX_BLOCK_LIST_CHARS } from "@/server/services/setup/block-list-csv";
import {
  addBlockAliases,
  listDistrictBlocks,
  listStateDistricts,
  previewDistrictSetup,
  removeBlockAlias,
  setUpDistrictFromCsv,
} from "@/server/services/setup/setup-screen";

export const ZBlockListInput = z.object({
  districtId: ZId,
  csv: z.string().max(MAX_BLOCK_LIST_CHARS, `The block list is longer than ${MAX_BLOCK_LIST_CHARS} characters; a district's list is much shorter.`),
});

export const ZAddAliasesInput = z.object({ blockId: ZId, aliases: z.array(z.string().trim().min(1).max(80)).min(1).max(50) });

/** The state officer's district set-up (state.configure): thin, the rules are in server/services/setup/. */
export const setupRouter = createTRPCRouter({
  listDistricts: authorized("state.configure").query(({ ctx }) => listStateDistricts(ctx.db, ctx.scope)),

  previewDistrict: authorized("state.configure")
    .input(ZBlockListInput)
    .mutation(({ ctx, input }) => previewDistrictSetup(ctx.db, ctx.scope, input.districtId, input.csv)),

  setUpDistrict: authorized("state.configure")
    .input(ZBlockListInput)
    .mutation(({ ctx, input }) => setUpDistrictFromCsv(ctx.db, ctx.scope, input.districtId, input.csv, ctx.now())),

  listBlocks: authorized("state.configure")
    .input(z.object({ districtId: ZId }))
    .query(({ ctx, input }) => listDistrictBlocks(ctx.db, ctx.scope, input.districtId)),

  addAliases: authorized("state.configure")
    .input(ZAddAliasesInput)
    .mutation(({ ctx, input }) => addBlockAliases(ctx.db, ctx.scope, input.blockId, input.aliases)),

  removeAlias: authorized("state.configure")
    .input(z.object({ aliasId: ZId }))
    .mutation(({ ctx, input }) => removeBlockAlias(ctx.db, ctx.scope, input.aliasId)),
});
