/**
 * Fake but well-formed identity document numbers for the demo. They exist only while the generator runs:
 * the seed keeps the last four characters and a keyed hash, never the number itself.
 */
import "server-only";
import type { IdType } from "@/server/generated/prisma/enums";
import { verhoeffCheckDigit } from "@/core/domain/verhoeff";
import { type Rng, randInt, randomDigits, randomLetters, weightedPick } from "@/server/seed/random";

/** 12 digits, never starting with 0 or 1 (UIDAI does not issue those), last digit a Verhoeff check digit. */
export function fakeAadhaar(rng: Rng): string {
  const body = String(randInt(rng, 2, 9)) + randomDigits(rng, 10);
  return body + verhoeffCheckDigit(body);
}

export const ID_TYPE_WEIGHTS: readonly (readonly [IdType, number])[] = [
  ["AADHAAR", 880],
  ["VOTER_ID", 70],
  ["RATION_CARD", 20],
  ["PAN", 15],
  ["DRIVING_LICENCE", 10],
  ["PASSPORT", 3],
  ["OTHER", 2],
];

export function pickIdType(rng: Rng): IdType {
  return weightedPick(rng, ID_TYPE_WEIGHTS);
}

export function fakeIdNumber(rng: Rng, idType: IdType): string {
  switch (idType) {
    case "AADHAAR":
      return fakeAadhaar(rng);
    case "VOTER_ID":
      return randomLetters(rng, 3) + randomDigits(rng, 7);
    case "RATION_CARD":
      return "10" + randomDigits(rng, 10);
    case "PAN":
      return randomLetters(rng, 3) + "P" + randomLetters(rng, 1) + randomDigits(rng, 4) + randomLetters(rng, 1);
    case "DRIVING_LICENCE":
      return `BR10${randInt(rng, 2000, 2020)}${randomDigits(rng, 7)}`;
    case "PASSPORT":
      return randomLetters(rng, 1) + randomDigits(rng, 7);
    case "OTHER":
      // e.g. an MGNREGA job card number, written without its separators
      return "JC" + randomDigits(rng, 14);
  }
}
