import "server-only";
import type { RecordStatus } from "@/server/generated/prisma/enums";
import type { MegaCampKey, UnitName } from "@/server/seed/scenario-plan";
import type { Beneficiary } from "@/core/domain/beneficiary";

/** Turns a full ID number into the stored keyed hash; the full number never leaves the generator otherwise. */
export type IdHasher = (fullIdNumber: string) => string;

export type DemoMegaCamp = { key: MegaCampKey; name: string; date: Date };

export type DemoSite = { unit: UnitName; name: string };

/** `date` is the camp's IST calendar date as UTC midnight, the way Prisma represents a @db.Date. */
export type DemoCamp = { unit: UnitName; site: string; date: Date; megaCamp: MegaCampKey | null; target: number };

export type DemoStatusChange = { from: RecordStatus | null; to: RecordStatus; at: Date; note: string | null };

export type DemoRecord = Beneficiary & {
  unit: UnitName;
  /** Index into DemoScenario.camps. */
  campIndex: number;
  registerSerial: string;
  vaccinatedAt: Date;
  dose: 1 | 2;
  /** A code of the demo state's vaccine catalogue. */
  vaccine: string;
  idHash: string;
  status: RecordStatus;
  enteredAt: Date | null;
  portalRef: string | null;
  rejectionReason: string | null;
  /** When the register line was keyed into Teeka Monitor (the null -> PENDING change). */
  createdAt: Date;
  updatedAt: Date;
  history: DemoStatusChange[];
};

export type DemoScenario = {
  /** The district it is the story of (a name from demo-places.ts). */
  district: string;
  anchor: Date;
  megaCamps: DemoMegaCamp[];
  sites: DemoSite[];
  camps: DemoCamp[];
  records: DemoRecord[];
};
