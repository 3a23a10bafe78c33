const numberFormat = new Intl.NumberFormat("en-IN");

export function formatCount(value: number): string {
  return numberFormat.format(value);
}

const IST_DATE_TIME = new Intl.DateTimeFormat("en-IN", {
  timeZone: "Asia/Kolkata",
  day: "2-digit",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});
const IST_DATE = new Intl.DateTimeFormat("en-IN", { timeZone: "Asia/Kolkata", day: "2-digit", month: "short", year: "numeric" });

export function formatIstDateTime(date: Date): string {
  return `${IST_DATE_TIME.format(date)} IST`;
}

export function formatIstDate(date: Date): string {
  return IST_DATE.format(date);
}
