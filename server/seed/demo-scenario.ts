/**
 * The demo story as plain data, one district at a time: the two Bhagalpur mega camps of June 2021 (16 and 21 June,
 * about 95,000 vaccinations) moved so that "now" is the anchor, with the portal backlog the news reported at that
 * moment; Banka's smaller camp with its own backlog. Pure and deterministic: the same plan, anchor (and hasher)
 * always give the same output, whatever other districts are built. No database here.
 */
import "server-only";
import { idLast4 } from "@/server/services/imports/id-number";
import { MINUTE_MS, addDays, istDate, istInstant } from "@/server/seed/ist-time";
import { type Rng, mulberry32, randBetween, randInt } from "@/server/seed/random";
import {
  BHAGALPUR_PLAN,
  CAMP_CLOSES_HOUR,
  CAMP_OPENS_HOUR,
  type DistrictPlan,
  type MegaCampKey,
  STORY_BENEFICIARY,
  type UnitPlan,
} from "@/server/seed/scenario-plan";
import { type RecordContext, draftCampRecords, uniqueIdNumber } from "@/server/seed/scenario-records";
import { type UnitRegisters, fillHistory, markEntered, settleUnit } from "@/server/seed/scenario-status";
import type { DemoCamp, DemoRecord, DemoScenario, IdHasher } from "@/server/seed/scenario-types";

export type * from "@/server/seed/scenario-types";
export { isVerhoeffValid, verhoeffCheckDigit } from "@/core/domain/verhoeff";
export { STORY_BENEFICIARY, UNIT_PLANS } from "@/server/seed/scenario-plan";

type Builder = {
  plan: DistrictPlan;
  ctx: RecordContext;
  out: DemoScenario;
  portalRefs: Set<string>;
  totalWeight: number;
};

export function buildDemoScenario(anchor: Date, hashId: IdHasher, plan: DistrictPlan = BHAGALPUR_PLAN): DemoScenario {
  const rng = mulberry32(plan.seed);
  const today = istDate(anchor);
  const builder: Builder = {
    plan,
    ctx: { rng, hashId, referenceYear: anchor.getUTCFullYear(), usedIdNumbers: new Set() },
    out: {
      anchor: new Date(anchor.getTime()),
      district: plan.district,
      megaCamps: plan.megaCamps.map((p) => ({ key: p.key, name: p.name, date: addDays(today, -p.daysBeforeAnchor) })),
      sites: [],
      camps: [],
      records: [],
    },
    portalRefs: new Set(),
    totalWeight: plan.units.reduce((sum, unit) => sum + unit.weight, 0),
  };
  for (const unit of plan.units) {
    settleUnit(rng, buildUnit(builder, unit, today), anchor.getTime(), builder.portalRefs);
  }
  builder.out.records.forEach(fillHistory);
  return builder.out;
}

function buildUnit(builder: Builder, plan: UnitPlan, today: Date): UnitRegisters {
  const { ctx, out } = builder;
  out.sites.push(...plan.sites.map((name) => ({ unit: plan.name, name })));
  const story = builder.plan.story && plan.name === STORY_BENEFICIARY.unit ? addRoutineCamp(builder, plan, today) : null;
  const shares = siteShares(ctx.rng, plan.sites.length);
  const unit: UnitRegisters = { plan, mc1Camps: [], mc2Camps: [], registerArrivesAt: new Map(), forcedStragglers: [] };
  for (const megaCamp of builder.plan.megaCamps) {
    const day = addDays(today, -megaCamp.daysBeforeAnchor);
    const unitLines = (megaCamp.expectedTotal * plan.weight) / builder.totalWeight;
    let nextSerial = 1;
    plan.sites.forEach((site, i) => {
      const lines = Math.round(unitLines * shares[i]! * randBetween(ctx.rng, 0.93, 1.07));
      const campIndex = addCamp(out, { unit: plan.name, site, date: day, megaCamp: megaCamp.key, target: targetAbove(lines) });
      const records = draftCampRecords(ctx, {
        unit: plan.name,
        campIndex,
        day,
        opensHour: CAMP_OPENS_HOUR,
        closesHour: CAMP_CLOSES_HOUR,
        lines,
        serialPrefix: `${plan.code}-${megaCamp.key}-`,
        firstSerial: nextSerial,
      });
      nextSerial += lines;
      unit.registerArrivesAt.set(campIndex, registerArrival(ctx.rng, day));
      out.records.push(...records);
      campsOf(unit, megaCamp.key).push(records);
    });
  }
  if (story) unit.forcedStragglers = [storyDose2(unit, plan, story)];
  return unit;
}

function campsOf(unit: UnitRegisters, key: MegaCampKey): DemoRecord[][] {
  return key === "MC1" ? unit.mc1Camps : unit.mc2Camps;
}

/** The unit's own health facility draws the biggest crowd; the other sites vary. */
function siteShares(rng: Rng, count: number): number[] {
  const weights = Array.from({ length: count }, (_, i) => (i === 0 ? 1.6 : randBetween(rng, 0.6, 1.3)));
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => w / total);
}

function addCamp(out: DemoScenario, camp: DemoCamp): number {
  out.camps.push(camp);
  return out.camps.length - 1;
}

/** Targets were set in round numbers, a little above what the camps then managed. */
function targetAbove(lines: number): number {
  const step = lines >= 200 ? 50 : 10;
  return Math.ceil((lines * 1.08) / step) * step;
}

/** The register travels from the camp to the block data room after closing time. */
function registerArrival(rng: Rng, day: Date): number {
  return istInstant(day, CAMP_CLOSES_HOUR) + randInt(rng, 30, 150) * MINUTE_MS;
}

type StoryIdentity = Pick<DemoRecord, "beneficiaryName" | "birthYear" | "sex" | "mobile" | "idType" | "idLast4" | "idHash">;

/** A routine (non-mega) session at Sultanganj PHC where the story beneficiary got COVAXIN dose 1; all entered. */
function addRoutineCamp(builder: Builder, plan: UnitPlan, today: Date): StoryIdentity {
  const { ctx, out } = builder;
  const day = addDays(today, -STORY_BENEFICIARY.dose1DaysBeforeAnchor);
  const lines = STORY_BENEFICIARY.routineCampSize;
  const campIndex = addCamp(out, { unit: plan.name, site: STORY_BENEFICIARY.site, date: day, megaCamp: null, target: targetAbove(lines) });
  const records = draftCampRecords(ctx, {
    unit: plan.name,
    campIndex,
    day,
    opensHour: CAMP_OPENS_HOUR,
    closesHour: 13,
    lines,
    serialPrefix: `${plan.code}-RC-`,
    firstSerial: 1,
  });
  const identity = storyIdentity(ctx);
  Object.assign(records[Math.floor(lines * 0.4)]!, identity, { dose: 1, vaccine: "COVAXIN" });
  for (const line of records) {
    markEntered(ctx.rng, line, line.vaccinatedAt.getTime() + randInt(ctx.rng, 120, 540) * MINUTE_MS, builder.portalRefs);
  }
  out.records.push(...records);
  return identity;
}

function storyIdentity(ctx: RecordContext): StoryIdentity {
  const idNumber = uniqueIdNumber(ctx, "AADHAAR");
  return {
    beneficiaryName: STORY_BENEFICIARY.name,
    birthYear: ctx.referenceYear - STORY_BENEFICIARY.age,
    sex: STORY_BENEFICIARY.sex,
    mobile: STORY_BENEFICIARY.mobile,
    idType: "AADHAAR",
    idLast4: idLast4(idNumber),
    idHash: ctx.hashId(idNumber),
  };
}

/** Dose 2, 28 days later at mega camp 1, on the same Aadhaar; this line never reached the portal. */
function storyDose2(unit: UnitRegisters, plan: UnitPlan, identity: StoryIdentity): DemoRecord {
  const siteIndex = plan.sites.indexOf(STORY_BENEFICIARY.site);
  const lines = unit.mc1Camps[siteIndex];
  const line = lines?.[Math.floor(lines.length * 0.42)];
  if (!line) throw new Error(`${STORY_BENEFICIARY.site} has no mega camp 1 register`);
  return Object.assign(line, identity, { dose: 2 as const, vaccine: "COVAXIN" as const });
}
