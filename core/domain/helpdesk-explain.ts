/**
 * One dose in plain words, for the person at the counter and the status slip, in English and Hindi.
 * Pure: `now` is a parameter; dates are shown in IST, in Indian day-month order.
 */
import { formatIst } from "@/core/time/ist";
import { isOverdue, msUntilDeadline } from "@/core/domain/aging";
import { REJECTION_REASONS } from "@/core/domain/rejection-reasons";

export type HelpdeskLocale = "en" | "hi";
export const HELPDESK_LOCALES: readonly HelpdeskLocale[] = ["en", "hi"];

export type DoseFacts = {
  dose: number;
  /** The vaccine's code, and its names from the state's catalogue. */
  vaccine: string;
  vaccineName: string;
  vaccineNameHi: string;
  vaccinatedAt: Date;
  site: string;
  block: string;
  blockHi: string;
  status: "PENDING" | "ENTERED" | "REJECTED";
  enteredAt: Date | null;
  rejectionReason: string | null;
  /** Last 4 digits of the registered mobile, or null when the register has none. */
  mobileLast4: string | null;
  /** An open reconciliation anomaly on this record. */
  openAnomaly: { kind: "DOSE_MISMATCH" | "DATE_MISMATCH" | "AMBIGUOUS_MATCH" | "NO_REGISTER_ROW"; portalDose: number | null } | null;
  /** Doses of the same person that are on the portal (ENTERED records). */
  dosesOnPortal: number[];
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const MONTHS: Record<HelpdeskLocale, readonly string[]> = {
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  hi: ["जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"],
};

/** "16 June" (this year) or "16 June 2020"; Hindi "16 जून". IST calendar date. */
export function formatDay(date: Date, now: Date, locale: HelpdeskLocale): string {
  const [day, month, year] = formatIst(date, "d M yyyy").split(" ").map(Number) as [number, number, number];
  const sameYear = formatIst(now, "yyyy") === String(year);
  return `${day} ${MONTHS[locale][month - 1]}${sameYear ? "" : ` ${year}`}`;
}

/** "10:15 am"; Hindi "सुबह 10:15 बजे". IST. */
export function formatTime(date: Date, locale: HelpdeskLocale): string {
  const [hour, minute] = formatIst(date, "H mm").split(" ") as [string, string];
  const h = Number(hour);
  const h12 = h % 12 === 0 ? 12 : h % 12;
  if (locale === "en") return `${h12}:${minute} ${h < 12 ? "am" : "pm"}`;
  const period = h >= 4 && h < 12 ? "सुबह" : h >= 12 && h < 16 ? "दोपहर" : h >= 16 && h < 20 ? "शाम" : "रात";
  return `${period} ${h12}:${minute} बजे`;
}

export function formatDayTime(date: Date, now: Date, locale: HelpdeskLocale): string {
  return `${formatDay(date, now, locale)}, ${formatTime(date, locale)}`;
}

/** "6 days", "20 hours", "less than an hour"; whole units, rounded down; hours below `hoursUpTo` hours. */
export function formatSpan(ms: number, locale: HelpdeskLocale, hoursUpTo = 24): string {
  const span = Math.max(0, ms);
  if (span >= Math.max(DAY_MS, hoursUpTo * HOUR_MS)) {
    const days = Math.floor(span / DAY_MS);
    return locale === "en" ? `${days} day${days === 1 ? "" : "s"}` : `${days} दिन`;
  }
  if (span >= HOUR_MS) {
    const hours = Math.floor(span / HOUR_MS);
    if (locale === "en") return `${hours} hour${hours === 1 ? "" : "s"}`;
    return hours === 1 ? "1 घंटा" : `${hours} घंटे`;
  }
  return locale === "en" ? "less than an hour" : "एक घंटे से कम";
}

type ReasonText = { hi: string; adviceEn: (block: string) => string; adviceHi: (block: string) => string };

const REASONS: Record<(typeof REJECTION_REASONS)[number], ReasonText> = {
  "Duplicate entry already on portal": {
    hi: "पोर्टल पर पहले से दोहरी प्रविष्टि",
    adviceEn: (b) => `the dose may already be on the portal under another entry: check the certificate with the registered mobile; if it is not there, the ${b} block office will correct the entry.`,
    adviceHi: (b) => `यह खुराक किसी दूसरी प्रविष्टि से पोर्टल पर हो सकती है: पंजीकृत मोबाइल से प्रमाणपत्र देखें; न मिले तो ${b} प्रखंड कार्यालय प्रविष्टि ठीक करेगा।`,
  },
  "Age on ID below 18": {
    hi: "पहचान पत्र पर उम्र 18 से कम",
    adviceEn: (b) => `ask the person to bring the ID used at the camp to the ${b} block office so that the birth year can be checked.`,
    adviceHi: (b) => `व्यक्ति कैंप में दिया गया पहचान पत्र लेकर ${b} प्रखंड कार्यालय जाएँ, ताकि जन्म वर्ष जाँचा जा सके।`,
  },
  "Mobile number linked to 4 beneficiaries": {
    hi: "मोबाइल नंबर पहले से 4 लाभार्थियों से जुड़ा है",
    adviceEn: (b) => `the portal allows 4 people per mobile number: ask for another mobile number and pass it to the ${b} block office.`,
    adviceHi: (b) => `पोर्टल एक मोबाइल नंबर पर 4 लोगों को ही लेता है: दूसरा मोबाइल नंबर लेकर ${b} प्रखंड कार्यालय को दें।`,
  },
  "ID number does not match name": {
    hi: "पहचान संख्या नाम से मेल नहीं खाती",
    adviceEn: (b) => `ask the person to bring the ID used at the camp to the ${b} block office so that the name or number can be corrected.`,
    adviceHi: (b) => `व्यक्ति कैंप में दिया गया पहचान पत्र लेकर ${b} प्रखंड कार्यालय जाएँ, ताकि नाम या नंबर ठीक हो सके।`,
  },
  "Beneficiary not found on portal": {
    hi: "लाभार्थी पोर्टल पर नहीं मिला",
    adviceEn: (b) => `ask the person to visit the ${b} block office with the ID used at the camp; the entry will be made again.`,
    adviceHi: (b) => `व्यक्ति कैंप में दिया गया पहचान पत्र लेकर ${b} प्रखंड कार्यालय जाएँ; प्रविष्टि फिर से की जाएगी।`,
  },
  Other: {
    hi: "अन्य",
    adviceEn: (b) => `ask the person to visit the ${b} block office with the ID used at the camp.`,
    adviceHi: (b) => `व्यक्ति कैंप में दिया गया पहचान पत्र लेकर ${b} प्रखंड कार्यालय जाएँ।`,
  },
};

function reasonOf(text: string | null) {
  const original = (text ?? "").trim();
  const key = REJECTION_REASONS.find((r) => original === r || original.startsWith(`${r}:`)) ?? null;
  const detail = key ? original.slice(key.length).replace(/^:\s*/, "") : "";
  const hi = key ? `${REASONS[key].hi}${detail ? `: ${detail}` : ""}` : original || "कारण नहीं लिखा गया";
  return { known: REASONS[key ?? "Other"], en: original || "no reason was recorded", hi };
}

function givenEn(f: DoseFacts, now: Date): string {
  return `Dose ${f.dose} (${f.vaccineName}) given on ${formatDay(f.vaccinatedAt, now, "en")} at ${f.site} camp, ${f.block} block`;
}

function givenHi(f: DoseFacts, now: Date): string {
  return `खुराक ${f.dose} (${f.vaccineNameHi}) ${formatDay(f.vaccinatedAt, now, "hi")} को ${f.site} कैंप, ${f.blockHi} प्रखंड में दी गई`;
}

function anomalyEn(f: DoseFacts): string | null {
  const a = f.openAnomaly;
  if (!a || a.kind === "NO_REGISTER_ROW") return null;
  if (a.kind === "DOSE_MISMATCH") {
    const shows = a.portalDose ? `The portal shows dose ${a.portalDose} only` : "The portal shows a different dose";
    return `${shows}: an open anomaly. The district office is checking the register against the portal; once it is settled, dose ${f.dose} will be entered. The person does not need another dose and need not come back for this.`;
  }
  if (a.kind === "DATE_MISMATCH") {
    return "The portal shows this dose on another date: an open anomaly. The district office will correct it; nothing is needed from the person.";
  }
  return "A portal entry may belong to this person or to someone else: an open anomaly that the district office is checking; nothing is needed from the person.";
}

function anomalyHi(f: DoseFacts): string | null {
  const a = f.openAnomaly;
  if (!a || a.kind === "NO_REGISTER_ROW") return null;
  if (a.kind === "DOSE_MISMATCH") {
    const shows = a.portalDose ? `पोर्टल पर केवल खुराक ${a.portalDose} दिख रही है` : "पोर्टल पर दूसरी खुराक दिख रही है";
    return `${shows}: यह एक खुली विसंगति है। ज़िला कार्यालय रजिस्टर का पोर्टल से मिलान कर रहा है; सुधार होते ही खुराक ${f.dose} दर्ज होगी। व्यक्ति को दोबारा टीका लेने या इसके लिए फिर आने की ज़रूरत नहीं है।`;
  }
  if (a.kind === "DATE_MISMATCH") {
    return "पोर्टल पर यह खुराक किसी दूसरी तारीख़ पर दिख रही है: यह एक खुली विसंगति है। ज़िला कार्यालय इसे ठीक करेगा; व्यक्ति को कुछ नहीं करना है।";
  }
  return "पोर्टल की एक प्रविष्टि इस व्यक्ति की या किसी और की हो सकती है: यह एक खुली विसंगति है जिसे ज़िला कार्यालय जाँच रहा है; व्यक्ति को कुछ नहीं करना है।";
}

function otherDosesOnPortal(f: DoseFacts): number[] {
  return [...new Set(f.dosesOnPortal)].filter((d) => d !== f.dose).sort((a, b) => a - b);
}

function explainEn(f: DoseFacts, now: Date): string {
  const sms = f.mobileLast4 ? `the certificate SMS goes to the registered mobile ending ${f.mobileLast4}` : null;
  if (f.status === "ENTERED") {
    const since = f.enteredAt ? `on the portal since ${formatDayTime(f.enteredAt, now, "en")}` : "on the portal";
    const after = sms
      ? `${sms[0]!.toUpperCase()}${sms.slice(1)}; if it has not come, the certificate can be downloaded from the portal with that mobile number.`
      : "No mobile number is in the register: the certificate can be downloaded from the portal with the ID used at the camp.";
    return `${givenEn(f, now)}; ${since}. ${after}`;
  }
  if (f.status === "REJECTED") {
    const r = reasonOf(f.rejectionReason);
    return `${givenEn(f, now)}; the portal did not accept the entry: ${r.en}. What to do: ${r.known.adviceEn(f.block)}`;
  }
  const waited = now.getTime() - f.vaccinatedAt.getTime();
  const parts = [`${givenEn(f, now)}; not yet on the portal; waiting for ${formatSpan(waited, "en")}`];
  if (isOverdue(f.vaccinatedAt, now)) {
    parts.push(`it is overdue, and it is on the ${f.block} block's list of overdue entries.`);
  } else {
    const left = msUntilDeadline(f.vaccinatedAt, now);
    parts.push(`the entry is due by ${formatDayTime(new Date(now.getTime() + left), now, "en")} (${formatSpan(left, "en", 48)} left).`);
  }
  let text = parts.join("; ");
  const anomaly = anomalyEn(f);
  const others = otherDosesOnPortal(f);
  if (anomaly) text += ` ${anomaly}`;
  else if (others.length > 0) text += ` The portal shows dose ${others.join(" and ")} only so far.`;
  text += sms ? ` Once it is entered, ${sms}.` : " No mobile number is in the register: once it is entered, the certificate can be downloaded from the portal with the ID used at the camp.";
  return text;
}

function explainHi(f: DoseFacts, now: Date): string {
  const sms = f.mobileLast4 ? `प्रमाणपत्र का SMS ${f.mobileLast4} पर ख़त्म होने वाले पंजीकृत मोबाइल पर जाता है` : null;
  if (f.status === "ENTERED") {
    const since = f.enteredAt ? `${formatDayTime(f.enteredAt, now, "hi")} से पोर्टल पर दर्ज है` : "पोर्टल पर दर्ज है";
    const after = sms
      ? `${sms}; SMS न आया हो तो इसी मोबाइल नंबर से पोर्टल से प्रमाणपत्र डाउनलोड किया जा सकता है।`
      : "रजिस्टर में मोबाइल नंबर नहीं है: कैंप में दिए गए पहचान पत्र से पोर्टल से प्रमाणपत्र डाउनलोड किया जा सकता है।";
    return `${givenHi(f, now)}; ${since}। ${after}`;
  }
  if (f.status === "REJECTED") {
    const r = reasonOf(f.rejectionReason);
    return `${givenHi(f, now)}; पोर्टल ने प्रविष्टि स्वीकार नहीं की: ${r.hi}। क्या करें: ${r.known.adviceHi(f.blockHi)}`;
  }
  const waited = now.getTime() - f.vaccinatedAt.getTime();
  const parts = [`${givenHi(f, now)}; अभी पोर्टल पर दर्ज नहीं है; ${formatSpan(waited, "hi")} से इंतज़ार है`];
  if (isOverdue(f.vaccinatedAt, now)) {
    parts.push(`48 घंटे की समय-सीमा निकल चुकी है, और यह ${f.blockHi} प्रखंड की बकाया प्रविष्टियों की सूची में है।`);
  } else {
    const left = msUntilDeadline(f.vaccinatedAt, now);
    parts.push(`प्रविष्टि की समय-सीमा ${formatDayTime(new Date(now.getTime() + left), now, "hi")} तक है (${formatSpan(left, "hi", 48)} बाकी)।`);
  }
  let text = parts.join("; ");
  const anomaly = anomalyHi(f);
  const others = otherDosesOnPortal(f);
  if (anomaly) text += ` ${anomaly}`;
  else if (others.length > 0) text += ` पोर्टल पर अभी तक केवल खुराक ${others.join(" और ")} दर्ज है।`;
  text += sms ? ` दर्ज होने के बाद ${sms}।` : " रजिस्टर में मोबाइल नंबर नहीं है: दर्ज होने के बाद कैंप में दिए गए पहचान पत्र से पोर्टल से प्रमाणपत्र डाउनलोड किया जा सकता है।";
  return text;
}

export function explainDose(facts: DoseFacts, now: Date, locale: HelpdeskLocale): string {
  return locale === "hi" ? explainHi(facts, now) : explainEn(facts, now);
}

export type Explanation = Record<HelpdeskLocale, string>;

export function explainDoseBoth(facts: DoseFacts, now: Date): Explanation {
  return { en: explainEn(facts, now), hi: explainHi(facts, now) };
}

/** A one-line state for a card: "on the portal", "waiting (overdue)" ... */
export type DoseState = "onPortal" | "waiting" | "overdue" | "rejected" | "anomaly";

export function doseState(facts: Pick<DoseFacts, "status" | "vaccinatedAt" | "openAnomaly">, now: Date): DoseState {
  if (facts.status === "ENTERED") return "onPortal";
  if (facts.status === "REJECTED") return "rejected";
  if (facts.openAnomaly && facts.openAnomaly.kind !== "NO_REGISTER_ROW") return "anomaly";
  return isOverdue(facts.vaccinatedAt, now) ? "overdue" : "waiting";
}
