import { z } from "zod";

const ZAgeBuckets = z.object({ "0-12h": z.number().int(), "12-24h": z.number().int(), "24-36h": z.number().int(), "36-48h": z.number().int(), overdue: z.number().int() });

const ZBacklogFigures = z.object({
  vaccinated: z.number().int(),
  entered: z.number().int(),
  pending: z.number().int(),
  rejected: z.number().int(),
  overdue: z.number().int().describe("pending past the deadline of the district's rules in force (48 h after vaccination in Bihar)"),
  dueWithin6h: z.number().int().describe("pending, not overdue, with at most 6 h left"),
  ageBuckets: ZAgeBuckets,
});

/** GET /api/v1/backlog (JSON): the district's (or one block's) figures and one row per block. */
export const ZBacklogApiResponse = z.object({
  generatedAt: z.iso.datetime(),
  deadlineHours: z.number().int(),
  district: ZBacklogFigures,
  blocks: z.array(ZBacklogFigures.extend({ block: z.string() })),
});

export type BacklogApiResponse = z.infer<typeof ZBacklogApiResponse>;
