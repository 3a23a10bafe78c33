/**
 * Fake but well-formed identity document numbers for the demo. They exist only while the generator runs:
 * the seed keeps the last four characters and a keyed hash, never the number itself.
 */
import type { IdType } from "@/server/generated/prisma/enums";
import { type Rng, randInt, randomDigits, randomLetters, weightedPick } from "./random";

// Verhoeff tables: d is the dihedral group D5 multiplication, p the position permutation, inv the inverse.
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

function verhoeffChecksum(digits: string, offset: number): number {
  let c = 0;
  const reversed = [...digits].reverse();
  reversed.forEach((ch, i) => {
    c = D[c]![P[(i + offset) % 8]![Number(ch)]!]!;
  });
  return c;
}

/** The Verhoeff check digit to append to `digits`. */
export function verhoeffCheckDigit(digits: string): string {
  return String(INV[verhoeffChecksum(digits, 1)]);
}

export function isVerhoeffValid(number: string): boolean {
  return /^\d+$/.test(number) && verhoeffChecksum(number, 0) === 0;
}

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
