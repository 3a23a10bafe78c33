/** Reasons an operator picks when the portal will not take an entry; free text can be added to any. */
export const REJECTION_REASONS = [
  "Duplicate entry already on portal",
  "Age on ID below 18",
  "Mobile number linked to 4 beneficiaries",
  "ID number does not match name",
  "Beneficiary not found on portal",
  "Other",
] as const;

export type RejectionReason = (typeof REJECTION_REASONS)[number];

export function rejectionText(reason: RejectionReason, detail?: string): string {
  const extra = detail?.trim();
  return extra ? `${reason}: ${extra}` : reason;
}
