/**
 * Fictional beneficiaries. Names are common in Bhagalpur's villages, drawn as [Latin, Devanagari] pairs so that
 * some registers can be keyed in Hindi, as they are in the field.
 */
import "server-only";
import type { Sex } from "@/server/generated/prisma/enums";
import { type Rng, chance, pick, randInt, randomDigits, weightedPick } from "@/server/seed/random";

type NamePair = readonly [latin: string, devanagari: string];

const HINDU_MALE: readonly NamePair[] = [
  ["Ramesh", "रमेश"], ["Suresh", "सुरेश"], ["Mahesh", "महेश"], ["Dinesh", "दिनेश"], ["Rajesh", "राजेश"],
  ["Mukesh", "मुकेश"], ["Sanjay", "संजय"], ["Manoj", "मनोज"], ["Sunil", "सुनील"], ["Anil", "अनिल"],
  ["Vinod", "विनोद"], ["Pramod", "प्रमोद"], ["Ashok", "अशोक"], ["Rakesh", "राकेश"], ["Santosh", "संतोष"],
  ["Arvind", "अरविंद"], ["Amit", "अमित"], ["Rohit", "रोहित"], ["Ravi", "रवि"], ["Vikash", "विकास"],
  ["Pankaj", "पंकज"], ["Niraj", "नीरज"], ["Rahul", "राहुल"], ["Shankar", "शंकर"], ["Bhola", "भोला"],
  ["Jitendra", "जितेंद्र"], ["Umesh", "उमेश"], ["Kundan", "कुंदन"], ["Chandan", "चंदन"], ["Gautam", "गौतम"],
];
const HINDU_FEMALE: readonly NamePair[] = [
  ["Sunita", "सुनीता"], ["Anita", "अनीता"], ["Rekha", "रेखा"], ["Sarita", "सरिता"], ["Kiran", "किरण"],
  ["Pooja", "पूजा"], ["Priyanka", "प्रियंका"], ["Neha", "नेहा"], ["Rinku", "रिंकू"], ["Babita", "बबीता"],
  ["Savitri", "सावित्री"], ["Sharda", "शारदा"], ["Kavita", "कविता"], ["Manju", "मंजू"], ["Usha", "उषा"],
  ["Poonam", "पूनम"], ["Nisha", "निशा"], ["Meena", "मीना"], ["Geeta", "गीता"], ["Radha", "राधा"],
  ["Shanti", "शांति"], ["Lalita", "ललिता"], ["Pushpa", "पुष्पा"], ["Sangita", "संगीता"], ["Khushboo", "खुशबू"],
];
const HINDU_SURNAME: readonly NamePair[] = [
  ["Kumar", "कुमार"], ["Prasad", "प्रसाद"], ["Yadav", "यादव"], ["Mandal", "मंडल"], ["Singh", "सिंह"],
  ["Sah", "साह"], ["Paswan", "पासवान"], ["Jha", "झा"], ["Mishra", "मिश्रा"], ["Choudhary", "चौधरी"],
  ["Rai", "राय"], ["Thakur", "ठाकुर"], ["Manjhi", "मांझी"], ["Das", "दास"], ["Ram", "राम"],
  ["Sharma", "शर्मा"], ["Tiwari", "तिवारी"], ["Gupta", "गुप्ता"], ["Mahto", "महतो"], ["Sinha", "सिन्हा"],
  ["Rajak", "रजक"], ["Tanti", "तांती"], ["Poddar", "पोद्दार"],
];
const MUSLIM_MALE: readonly NamePair[] = [
  ["Salim", "सलीम"], ["Imran", "इमरान"], ["Naushad", "नौशाद"], ["Shahid", "शाहिद"], ["Javed", "जावेद"],
  ["Arshad", "अरशद"], ["Tabrez", "तबरेज़"], ["Iqbal", "इकबाल"], ["Nadeem", "नदीम"], ["Irfan", "इरफ़ान"],
  ["Aftab", "आफ़ताब"], ["Sarfaraz", "सरफ़राज़"],
];
const MUSLIM_FEMALE: readonly NamePair[] = [
  ["Shabnam", "शबनम"], ["Rukhsana", "रुख़साना"], ["Nazia", "नाज़िया"], ["Farzana", "फ़रज़ाना"], ["Shahnaz", "शहनाज़"],
  ["Reshma", "रेशमा"], ["Tabassum", "तबस्सुम"], ["Salma", "सलमा"], ["Noorjahan", "नूरजहां"],
];
const MUSLIM_SURNAME: readonly NamePair[] = [
  ["Ansari", "अंसारी"], ["Alam", "आलम"], ["Hussain", "हुसैन"], ["Khan", "ख़ान"], ["Ahmad", "अहमद"], ["Siddiqui", "सिद्दीकी"],
];
const MIDDLE: readonly NamePair[] = [["Prasad", "प्रसाद"], ["Kumar", "कुमार"]];
const DEVI: NamePair = ["Devi", "देवी"];
const KUMARI: NamePair = ["Kumari", "कुमारी"];
const MOHAMMAD: NamePair = ["Mohammad", "मोहम्मद"];
const MUSLIM_FEMALE_SUFFIX: readonly NamePair[] = [["Khatun", "ख़ातून"], ["Parveen", "परवीन"], ["Bano", "बानो"]];

const DEVANAGARI_SHARE = 0.12;
const MOBILE_MISSING_SHARE = 0.1;

export type FakePerson = { name: string; sex: Sex; birthYear: number; mobile: string | null };

export function fakePerson(rng: Rng, referenceYear: number): FakePerson {
  const sex = weightedPick<Sex>(rng, [["MALE", 520], ["FEMALE", 478], ["OTHER", 2]]);
  const parts = chance(rng, 0.16) ? muslimName(rng, sex) : hinduName(rng, sex);
  const script = chance(rng, DEVANAGARI_SHARE) ? 1 : 0;
  return {
    name: parts.map((pair) => pair[script]).join(" "),
    sex,
    birthYear: referenceYear - fakeAge(rng),
    mobile: chance(rng, MOBILE_MISSING_SHARE) ? null : fakeMobile(rng),
  };
}

function hinduName(rng: Rng, sex: Sex): NamePair[] {
  if (sex === "FEMALE") {
    const roll = rng();
    const last = roll < 0.5 ? DEVI : roll < 0.7 ? KUMARI : pick(rng, HINDU_SURNAME);
    return [pick(rng, HINDU_FEMALE), last];
  }
  const first = pick(rng, HINDU_MALE);
  return chance(rng, 0.3) ? [first, pick(rng, MIDDLE), pick(rng, HINDU_SURNAME)] : [first, pick(rng, HINDU_SURNAME)];
}

function muslimName(rng: Rng, sex: Sex): NamePair[] {
  if (sex === "FEMALE") {
    const last = chance(rng, 0.6) ? pick(rng, MUSLIM_FEMALE_SUFFIX) : pick(rng, MUSLIM_SURNAME);
    return [pick(rng, MUSLIM_FEMALE), last];
  }
  const first = pick(rng, MUSLIM_MALE);
  return chance(rng, 0.3) ? [MOHAMMAD, first, pick(rng, MUSLIM_SURNAME)] : [first, pick(rng, MUSLIM_SURNAME)];
}

/** June 2021 had just opened to 18–44, so the young dominate the mega camps. */
function fakeAge(rng: Rng): number {
  const roll = rng();
  if (roll < 0.62) return randInt(rng, 18, 44);
  if (roll < 0.9) return randInt(rng, 45, 59);
  return randInt(rng, 60, 85);
}

export function fakeMobile(rng: Rng): string {
  return weightedPick(rng, [["9", 40], ["8", 25], ["7", 25], ["6", 10]]) + randomDigits(rng, 9);
}
