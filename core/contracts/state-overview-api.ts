import { z } from "zod";

const ZFigures = z.object({
  vaccinated: z.number().int(),
  entered: z.number().int(),
  pending: z.number().int(),
  rejected: z.number().int(),
  overdue: z.number().int().describe("pending past the entry deadline"),
  dueWithin6h: z.number().int().describe("pending, not overdue, with at most 6 h left"),
});

const ZPlace = z.object({ id: z.number().int(), name: z.string(), nameHi: z.string(), slug: z.string() });

/** GET /api/v1/state/overview: the state's figures, its set-up districts (most pending first) and the rest by name. */
export const ZStateOverviewApiResponse = z.object({
  generatedAt: z.iso.datetime(),
  deadlineHours: z.number().int(),
  state: ZPlace,
  totals: ZFigures.extend({ atRiskBlocks: z.number().int() }),
  districts: z.array(ZPlace.extend({ blocks: z.number().int(), atRiskBlocks: z.number().int().describe("blocks whose burn-down forecast misses the deadline") }).extend(ZFigures.shape)),
  notSetUp: z.array(ZPlace).describe("districts of the state's list that are not set up: no figures"),
});

export type StateOverviewApiResponse = z.infer<typeof ZStateOverviewApiResponse>;
