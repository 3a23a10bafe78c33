import { z } from "zod";
import { REJECTION_REASONS } from "@/core/domain/rejection-reasons";
import { ZId } from "@/core/contracts/ids";

/** A portal (CoWIN) reference as operators copy it: letters, digits and dashes. */
export const ZPortalRef = z
  .string()
  .trim()
  .min(4, "The portal reference is too short.")
  .max(40, "The portal reference is too long.")
  .regex(/^[A-Za-z0-9-]+$/, "A portal reference has only letters, digits and dashes.");

export const ZRecordId = ZId;

export const ZMarkEnteredInput = z.object({
  items: z.array(z.object({ id: ZRecordId, portalRef: ZPortalRef })).min(1, "Select at least one record.").max(100, "Mark at most 100 records at a time."),
});

export const ZMarkRejectedInput = z.object({
  ids: z.array(ZRecordId).min(1, "Select at least one record.").max(500, "Reject at most 500 records at a time."),
  reason: z.enum(REJECTION_REASONS),
  detail: z.string().trim().max(200, "detail is longer than 200 characters.").optional(),
});

/** One item of POST /api/v1/records/status: a record by id, or by register serial + block name. */
export const ZStatusItem = z
  .object({
    id: ZRecordId.optional(),
    registerSerial: z.string().trim().min(1).max(40).optional(),
    block: z.string().trim().min(1).max(60).optional(),
    status: z.enum(["ENTERED", "REJECTED"]),
    portalRef: ZPortalRef.optional(),
    reason: z.string().trim().min(3).max(200).optional(),
  })
  .refine((i) => i.id !== undefined || (i.registerSerial && i.block), { message: 'Give "id", or "registerSerial" with "block".' })
  .refine((i) => i.status !== "ENTERED" || i.portalRef, { message: 'An ENTERED item needs "portalRef".' })
  .refine((i) => i.status !== "REJECTED" || i.reason, { message: 'A REJECTED item needs "reason".' });

export const ZStatusBody = z.object({ items: z.array(z.unknown()).min(1, "Send at least one item.").max(1000, "Send at most 1,000 items.") });

/** POST /api/v1/records/status: each item answered on its own, in the order sent. */
export const ZStatusAnswers = z.object({
  results: z.array(
    z.union([
      z.object({ index: z.number().int(), recordId: z.number().int(), result: z.enum(["changed", "unchanged"]), status: z.string() }),
      z.object({ index: z.number().int(), recordId: z.number().int().nullable(), result: z.literal("error"), error: z.string() }),
    ]),
  ),
});
