import type { IdType, Sex } from "@/server/generated/prisma/enums";

/** Who was vaccinated, as a register line records it (the ID reduced to its last 4 digits). */
export type Beneficiary = {
  beneficiaryName: string;
  birthYear: number;
  sex: Sex;
  mobile: string | null;
  idType: IdType;
  idLast4: string;
};
