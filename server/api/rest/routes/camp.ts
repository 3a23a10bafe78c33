import "server-only";
import { z } from "zod";
import { defineRoute } from "@/server/api/rest/route";
import { AppError } from "@/server/errors/app-error";
import { appConfig } from "@/server/config";
import type { Scope } from "@/server/auth/scope";
import { syncCampRecords } from "@/server/services/camp-sync/camp-sync";
import { listCampDevices } from "@/server/services/camp-sync/camp-devices";
import { CAMP_SYNC_MAX_RECORDS, ZCampDevice, ZCampSyncBody, ZCampSyncResult } from "@/core/contracts/camp-sync";

/** A camp device works for one block: the signed-in user's (a district-wide role has no camp of its own). */
function campPlace(scope: Scope, userId: number) {
  if (scope.kind !== "block") throw new AppError("FORBIDDEN", "campNeedsBlock");
  return { userId, districtId: scope.districtId, blockId: scope.blockId };
}

export const campSyncRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/camp/sync",
    operationId: "syncCampRecords",
    summary: "Sync the vaccinations a camp device recorded offline: each record answered on its own, idempotent by client id",
    description:
      `Up to ${CAMP_SYNC_MAX_RECORDS} records per request (more: 400). Every record goes into the caller's block (never one named in the body: a record made for another block is rejected) as a PENDING entry. ` +
      "A client id synced before answers alreadyPresent, so a batch sent twice creates nothing twice. A register serial another entry of the block already has, or a dose the person already has, is rejected with a reason. " +
      "The server keeps each record's device time and its own receive time, and flags a device clock more than 5 minutes off. The full ID number is reduced to its last 4 and a keyed hash and never stored.",
    tags: ["camp"],
    capability: "camp.record",
    body: ZCampSyncBody,
    maxBodyBytes: 2_000_000,
    responses: { description: "What became of each record, in the order sent", json: ZCampSyncResult },
  },
  async ({ db, user, scope, now, body }) => syncCampRecords(db, campPlace(scope, user.id), body, { now, idHashKey: appConfig().TEEKA_ID_HASH_KEY }),
);

export const campDevicesRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/camp/devices",
    operationId: "listCampDevices",
    summary: "The camp devices of the blocks you can see: last sync, records synced today, records still waiting on each device, clock drift",
    tags: ["camp"],
    capability: "camp.devices",
    responses: { description: "Devices, the longest silent first", json: z.object({ devices: z.array(ZCampDevice) }) },
  },
  async ({ db, scope, now }) => ({ devices: await listCampDevices(db, scope, now) }),
);
