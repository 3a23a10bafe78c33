/**
 * Personal data leaves the server masked: a supervisor needs to recognise a record, not copy a number.
 */
export function maskMobile(mobile: string | null): string {
  if (!mobile) return "—";
  const digits = mobile.replace(/\D/g, "");
  if (digits.length < 4) return "••••";
  return `${"•".repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}

const ID_TYPE_LABELS: Record<string, string> = {
  AADHAAR: "Aadhaar",
  VOTER_ID: "Voter ID",
  PAN: "PAN",
  DRIVING_LICENCE: "Driving licence",
  PASSPORT: "Passport",
  RATION_CARD: "Ration card",
  OTHER: "Other ID",
};

export function maskIdNumber(idType: string, last4: string): string {
  const label = ID_TYPE_LABELS[idType] ?? "ID";
  const tail = /^[0-9A-Za-z]{4}$/.test(last4) ? last4 : "••••";
  return idType === "AADHAAR" ? `${label} XXXX XXXX ${tail}` : `${label} ••••${tail}`;
}
