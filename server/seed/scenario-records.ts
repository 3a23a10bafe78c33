/**
 * Register lines of one camp: who was vaccinated, when, with what and on which ID. Every line starts PENDING;
 * scenario-status.ts later decides which ones the data room has entered by the anchor.
 */
import "server-only";
import type { IdType } from "@/server/generated/prisma/enums";
import { idLast4 } from "@/server/services/imports/id-number";
import { fakeAadhaar, fakeIdNumber, pickIdType } from "@/server/seed/id-numbers";
import { MINUTE_MS, istInstant } from "@/server/seed/ist-time";
import { type FakePerson, fakePerson } from "@/server/seed/people";
import { type Rng, chance, randInt } from "@/server/seed/random";
import { COVAXIN_SHARE, DOSE_2_SHARE, STORY_BENEFICIARY, type UnitName } from "@/server/seed/scenario-plan";
import type { DemoRecord, IdHasher } from "@/server/seed/scenario-types";

export type RecordContext = {
  rng: Rng;
  hashId: IdHasher;
  referenceYear: number;
  /** Every full ID number handed out so far, so that two people never share one by accident. */
  usedIdNumbers: Set<string>;
};

export type CampRegister = {
  unit: UnitName;
  campIndex: number;
  day: Date;
  opensHour: number;
  closesHour: number;
  lines: number;
  /** e.g. "PIR-MC1-"; the serial number follows, zero-padded to 6 digits. */
  serialPrefix: string;
  firstSerial: number;
};

export function draftCampRecords(ctx: RecordContext, register: CampRegister): DemoRecord[] {
  const times = vaccinationTimes(ctx.rng, register);
  return times.map((at, i) => draftRecord(ctx, register, at, register.firstSerial + i));
}

/** Sorted, so that serial order follows the queue at the vaccination desk. */
function vaccinationTimes(rng: Rng, register: CampRegister): number[] {
  const opens = istInstant(register.day, register.opensHour);
  const span = (register.closesHour - register.opensHour) * 60 * MINUTE_MS;
  const times: number[] = [];
  for (let i = 0; i < register.lines; i++) times.push(opens + Math.floor(rng() * (span / 1000)) * 1000);
  return times.sort((a, b) => a - b);
}

function draftRecord(ctx: RecordContext, register: CampRegister, vaccinatedMs: number, serial: number): DemoRecord {
  const { rng } = ctx;
  const person = freshPerson(ctx);
  const idType = pickIdType(rng);
  const idNumber = uniqueIdNumber(ctx, idType);
  const createdAt = new Date(vaccinatedMs + randInt(rng, 2, 25) * MINUTE_MS);
  return {
    unit: register.unit,
    campIndex: register.campIndex,
    registerSerial: register.serialPrefix + String(serial).padStart(6, "0"),
    vaccinatedAt: new Date(vaccinatedMs),
    dose: chance(rng, DOSE_2_SHARE) ? 2 : 1,
    vaccine: chance(rng, COVAXIN_SHARE) ? "COVAXIN" : "COVISHIELD",
    beneficiaryName: person.name,
    birthYear: person.birthYear,
    sex: person.sex,
    mobile: person.mobile,
    idType,
    idLast4: idLast4(idNumber),
    idHash: ctx.hashId(idNumber),
    status: "PENDING",
    enteredAt: null,
    portalRef: null,
    rejectionReason: null,
    createdAt,
    updatedAt: createdAt,
    history: [],
  };
}

/** Random people never take the story beneficiary's name, so a search for it finds just his two lines. */
function freshPerson(ctx: RecordContext): FakePerson {
  for (;;) {
    const person = fakePerson(ctx.rng, ctx.referenceYear);
    if (person.name !== STORY_BENEFICIARY.name) return person;
  }
}

export function uniqueIdNumber(ctx: RecordContext, idType: IdType): string {
  for (;;) {
    const candidate = idType === "AADHAAR" ? fakeAadhaar(ctx.rng) : fakeIdNumber(ctx.rng, idType);
    if (!ctx.usedIdNumbers.has(candidate)) {
      ctx.usedIdNumbers.add(candidate);
      return candidate;
    }
  }
}
