/**
 * The fixed facts of the demo story (the June 2021 Bhagalpur mega camps, and a smaller camp in Banka): where the
 * camps were, how big each unit is, and how far behind each unit's data room is when the dashboard opens. Volumes
 * are drawn around these.
 */
import "server-only";

/** A block's name, as in demo-places.ts. */
export type UnitName = string;

export type UnitPlan = {
  name: UnitName;
  /** Prefix of the unit's register serials, e.g. "PIR-MC1-000123". */
  code: string;
  /** Relative size of the unit's turnout at a mega camp. */
  weight: number;
  /** The first site is the unit's own health facility and draws the biggest crowd. */
  sites: readonly string[];
  /** Lines of mega camp 1 skipped by the data room and still pending (all long overdue). */
  pendingMc1: number;
  /** Lines of mega camp 2 the data room has not reached yet. */
  pendingMc2: number;
  /** The data room's pace fell on the last day (see scenario-status.ts): the block the forecast flags. */
  slowsDownAtEnd: boolean;
};

export const UNIT_PLANS: readonly UnitPlan[] = [
  unit("Bihpur", "BIH", 5, 1, 139, ["Bihpur PHC", "Middle School Jhandapur", "Panchayat Bhawan Hariyo", "High School Narkatia"]),
  unit("Gopalpur", "GOP", 5, 2, 84, ["Gopalpur PHC", "Middle School Tintanga", "Panchayat Bhawan Saidpur", "Health Sub-Centre Dimha", "Primary School Abhia"]),
  unit("Goradih", "GOR", 6, 0, 0, ["Goradih PHC", "Middle School Sono", "Panchayat Bhawan Lakhanpur", "High School Jamsi"]),
  unit("Ismailpur", "ISM", 3, 0, 3, ["Ismailpur PHC", "Middle School Bhitia", "Panchayat Bhawan Jagatpur"]),
  unit("Jagdishpur", "JAG", 7, 4, 118, ["Jagdishpur PHC", "Middle School Baijnathpur", "Panchayat Bhawan Sadanandpur", "High School Kolhaddi", "Health Sub-Centre Bhawanipur"]),
  unit("Kahalgaon", "KAH", 10, 25, 196, ["Kahalgaon Sub-Divisional Hospital", "NTPC Township Hospital", "Middle School Ekchari", "Panchayat Bhawan Ogri", "High School Anadipur", "Bateshwar Sthan Dharamshala"]),
  unit("Kharik", "KHA", 5, 2, 151, ["Kharik PHC", "Middle School Lokmanpur", "Panchayat Bhawan Dhruvganj", "Health Sub-Centre Kajikoriya"]),
  unit("Narayanpur", "NAR", 4, 0, 118, ["Narayanpur PHC", "Middle School Madhurapur", "Panchayat Bhawan Nagarpara", "Primary School Rasalpur"]),
  unit("Nathnagar", "NAT", 8, 6, 139, ["Nathnagar PHC", "Middle School Champanagar", "Panchayat Bhawan Gosaidaspur", "High School Kajrailli", "Community Hall Shahjangi"]),
  unit("Naugachhia", "NAU", 7, 12, 158, ["Naugachhia Sub-Divisional Hospital", "Middle School Tetri", "Panchayat Bhawan Makhatakiya", "High School Kadwa", "Health Sub-Centre Jagatpur"]),
  unit("Pirpainti", "PIR", 9, 40, 162, ["Pirpainti PHC", "Middle School Ekdara", "Panchayat Bhawan Shrimatpur", "High School Babupur", "Health Sub-Centre Mohanpur", "Primary School Baikunthpur"]),
  unit("Rangra Chowk", "RAN", 3, 0, 8, ["Rangra PHC", "Middle School Bhawanipur Rangra", "Panchayat Bhawan Sadhopur"]),
  unit("Sabour", "SAB", 5, 3, 121, ["Sabour PHC", "Bihar Agricultural University Sabour", "Middle School Baijani", "Panchayat Bhawan Lalur Chak", "High School Mamalkha"]),
  unit("Sanhaula", "SAN", 6, 3, 130, ["Sanhaula PHC", "Middle School Amadanda", "Panchayat Bhawan Dhanauri", "High School Mahadevpur"]),
  unit("Shahkund", "SHA", 6, 5, 97, ["Shahkund PHC", "Middle School Sajour", "Panchayat Bhawan Dhorhiya", "High School Kasimpur", "Health Sub-Centre Khulni"]),
  unit("Sultanganj", "SUL", 8, 9, 176, ["Sultanganj PHC", "Middle School Masdi", "Panchayat Bhawan Ganganiya", "High School Tilakpur", "Health Sub-Centre Abjuganj", "Ajgaibinath Dharamshala"]),
  unit("Bhagalpur Urban", "BGP", 14, 150, 88, ["Sadar Hospital", "JLNMCH Mayaganj", "Tilka Manjhi Bhagalpur University", "TNB College", "Sundarvati Mahila College", "Sandis Compound", "Urban PHC Barari", "Urban PHC Ishakchak"]),
];

function unit(name: UnitName, code: string, weight: number, pendingMc1: number, pendingMc2: number, sites: string[]): UnitPlan {
  // Pirpainti's operators worked until 3 a.m. and still could not keep up (the news report).
  return { name, code, weight, sites, pendingMc1, pendingMc2, slowsDownAtEnd: name === "Pirpainti" };
}

/** MC1: the earlier camp, whose skipped lines are the long-overdue stragglers; MC2: the recent one being entered. */
export type MegaCampKey = "MC1" | "MC2";
export type MegaCampPlan = { key: MegaCampKey; name: string; daysBeforeAnchor: number; expectedTotal: number };

export const MEGA_CAMP_PLANS: readonly MegaCampPlan[] = [
  { key: "MC1", name: "Mega camp 1", daysBeforeAnchor: 7, expectedTotal: 50_000 },
  { key: "MC2", name: "Mega camp 2", daysBeforeAnchor: 2, expectedTotal: 45_000 },
];

/** Camps ran 09:00–17:00 IST. */
export const CAMP_OPENS_HOUR = 9;
export const CAMP_CLOSES_HOUR = 17;

/** The Sultanganj story: COVAXIN dose 1 at a routine PHC session, dose 2 at mega camp 1, never entered. */
export const STORY_BENEFICIARY = {
  unit: "Sultanganj" as UnitName,
  site: "Sultanganj PHC",
  name: "Ramesh Prasad Mandal",
  sex: "MALE",
  age: 52,
  mobile: "9431207755",
  dose1DaysBeforeAnchor: 35,
  routineCampSize: 74,
} as const;

/** Operators enter a register page by page; a page holds this many lines. */
export const REGISTER_PAGE_LINES = 25;

export const REJECTION_SHARE = 0.003;
export const REJECTION_REASONS = [
  "Duplicate entry already on portal",
  "Age on ID below 18",
  "Mobile number linked to 4 beneficiaries",
] as const;

export const DOSE_2_SHARE = 0.15;
export const COVAXIN_SHARE = 0.1;

/** One district's part of the demo: its units, its camps, its own random sequence (so each district's figures
 * stay the same whatever the other districts hold), and whether it tells the Sultanganj story. */
export type DistrictPlan = { district: string; seed: number; units: readonly UnitPlan[]; megaCamps: readonly MegaCampPlan[]; story: boolean };

export const BHAGALPUR_PLAN: DistrictPlan = { district: "Bhagalpur", seed: 0x16_06_2021, units: UNIT_PLANS, megaCamps: MEGA_CAMP_PLANS, story: true };

/**
 * Banka: one smaller camp two days ago (about 9,000 doses), with a backlog of its own: Amarpur behind and slowing
 * down (its forecast misses the deadline), Katoria and Belhar behind, the rest nearly done.
 */
export const BANKA_PLAN: DistrictPlan = {
  district: "Banka",
  seed: 0x20_06_2021,
  megaCamps: [{ key: "MC2", name: "Banka mega camp", daysBeforeAnchor: 2, expectedTotal: 9_000 }],
  story: false,
  units: [
    { ...unit("Amarpur", "AMR", 9, 0, 96, ["Amarpur CHC", "Middle School Kajra", "Panchayat Bhawan Dumaria"]), slowsDownAtEnd: true },
    unit("Banka", "BNK", 12, 0, 41, ["Sadar Hospital Banka", "Middle School Karhariya", "Panchayat Bhawan Vijaynagar", "High School Banka"]),
    unit("Barahat", "BRH", 6, 0, 12, ["Barahat PHC", "Middle School Lakhpura", "Panchayat Bhawan Bhelwa"]),
    unit("Baunsi", "BNS", 8, 0, 23, ["Baunsi PHC", "Mandar Hill Dharamshala", "Middle School Lakshmipur"]),
    unit("Belhar", "BLR", 7, 0, 58, ["Belhar PHC", "Middle School Sabalpur", "Panchayat Bhawan Teliyakita"]),
    unit("Chandan", "CHN", 4, 0, 9, ["Chandan PHC", "Middle School Bhorsar"]),
    unit("Dhoraiya", "DHR", 7, 0, 17, ["Dhoraiya PHC", "Middle School Madhukarpur", "Panchayat Bhawan Ghoghas"]),
    unit("Fullidumar", "FUL", 4, 0, 6, ["Fullidumar PHC", "Middle School Bhitia"]),
    unit("Katoria", "KAT", 6, 0, 64, ["Katoria PHC", "Middle School Jaipur", "Panchayat Bhawan Chandradip"]),
    unit("Rajoun", "RAJ", 6, 0, 14, ["Rajoun PHC", "Middle School Dhaura", "Panchayat Bhawan Kathon"]),
    unit("Shambhuganj", "SHM", 6, 0, 11, ["Shambhuganj PHC", "Middle School Kumarpur", "Panchayat Bhawan Tarar"]),
  ],
};

export const DEMO_PLANS: readonly DistrictPlan[] = [BHAGALPUR_PLAN, BANKA_PLAN];
