import { z } from "zod";

const ZDeadline = z.union([
  z.object({ kind: z.literal("hours"), hours: z.number().int().describe("due this many hours after vaccination") }),
  z.object({ kind: z.literal("byTime"), days: z.number().int().describe("0 = the vaccination day, 1 = the next day …"), minuteOfDay: z.number().int().describe("due by this IST minute of that day (1020 = 17:00)") }),
]);
const ZWork = z.object({ startMinute: z.number().int().describe("IST minute of the day (480 = 08:00)"), endMinute: z.number().int().describe("IST minute of the day, exclusive (1320 = 22:00)") });
const ZRules = z.object({ deadline: ZDeadline, work: ZWork });

/** GET/PUT /api/v1/rules: the state's rules and the rules in force for each district the caller sees. */
export const ZRulesApiResponse = z.object({
  stateId: z.number().int(),
  state: ZRules,
  updatedAt: z.iso.datetime().nullable(),
  updatedBy: z.string().nullable(),
  districts: z.array(
    z.object({
      districtId: z.number().int(),
      name: z.string(),
      nameHi: z.string(),
      slug: z.string(),
      deadline: ZDeadline,
      work: ZWork,
      source: z.enum(["state", "district"]).describe("district: the district's own, stricter rules are in force"),
      override: ZRules.nullable(),
    }),
  ),
});
