import { z } from "zod";

/**
 * The camp app's sync (issue 14): what a device sends and what the server answers, shared by the route (which
 * validates with it) and the browser (which builds the batch). Cells are sent as the register has them; the
 * server checks them with the register import's own rules (core/domain/register-row.ts).
 */

/** Records per sync request: a phone's day at one camp fits in one or two batches. */
export const CAMP_SYNC_MAX_RECORDS = 500;
/** A device clock further off than this is flagged for the supervisor. */
export const CAMP_DRIFT_FLAG_MS = 5 * 60_000;

const text = (max: number) => z.string().max(max);

export const ZCampRecord = z.object({
  clientId: z.uuid().describe("made on the device when the record was saved; the same id sent again is the same record"),
  deviceTime: z.iso.datetime({ offset: true }).describe("the device's clock when the record was saved (the vaccination time)"),
  blockId: z.number().int().min(1).max(2_147_483_647).optional().describe("the block the device recorded it for; another block than the caller's is refused"),
  registerSerial: text(40),
  site: text(100),
  vaccine: text(40),
  dose: z.number().int().min(1).max(9),
  name: text(120),
  sex: text(10),
  birthYear: z.number().int().min(1000).max(9999),
  mobile: text(20).nullish(),
  idType: text(30).default("AADHAAR"),
  idNumber: text(30).describe("the full ID number, sent once; the server keeps its last 4 and a keyed hash only"),
});

export const ZCampSyncBody = z.object({
  deviceId: z.uuid().describe("made once per device (per browser profile) by the camp app"),
  deviceTime: z.iso.datetime({ offset: true }).describe("the device's clock when it sent this request"),
  waiting: z.number().int().min(0).max(1_000_000).describe("records waiting on the device, this batch included"),
  label: text(60).optional(),
  records: z.array(ZCampRecord).max(CAMP_SYNC_MAX_RECORDS, `Send at most ${CAMP_SYNC_MAX_RECORDS} records at a time.`),
});

export type CampRecordInput = z.input<typeof ZCampRecord>;
export type CampSyncBody = z.output<typeof ZCampSyncBody>;

export const CAMP_REASON_KEYS = ["invalid", "serialTaken", "sameDose", "otherBlock"] as const;
export type CampReasonKey = (typeof CAMP_REASON_KEYS)[number];

export const ZCampRecordResult = z.object({
  clientId: z.string(),
  status: z.enum(["created", "alreadyPresent", "rejected"]),
  reasonKey: z.enum(CAMP_REASON_KEYS).optional(),
  /** The English reason (the app shows the Hindi one from reasonKey and params). */
  reason: z.string().optional(),
  params: z.record(z.string(), z.string()).optional(),
});
export type CampRecordResult = z.output<typeof ZCampRecordResult>;

export const ZCampSyncResult = z.object({
  receivedAt: z.string(),
  clockDriftMs: z.number().int(),
  driftFlagged: z.boolean(),
  created: z.number().int(),
  alreadyPresent: z.number().int(),
  rejected: z.number().int(),
  results: z.array(ZCampRecordResult),
});
export type CampSyncResult = z.output<typeof ZCampSyncResult>;

export const ZCampDevice = z.object({
  deviceId: z.string(),
  label: z.string().nullable(),
  block: z.string(),
  operator: z.string(),
  lastSyncAt: z.string(),
  syncedToday: z.number().int(),
  waiting: z.number().int(),
  clockDriftMs: z.number().int(),
  driftFlagged: z.boolean(),
  daysSinceLastSync: z.number().int(),
});
export type CampDevice = z.output<typeof ZCampDevice>;
