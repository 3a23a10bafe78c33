/**
 * Every word of the helpdesk screens and the status slip, in English and Hindi, in one place so that the app-wide
 * i18n can take them over later. The slip is printed in either language already.
 */
import { HELPDESK_QUERY_MESSAGES, type HelpdeskQueryProblem, type HelpdeskSearchKind } from "@/server/domain/helpdesk-query";
import type { DoseState, HelpdeskLocale } from "@/server/domain/helpdesk-explain";

export type { HelpdeskLocale };

type Text = {
  title: string;
  intro: string;
  searchBy: string;
  kinds: Record<HelpdeskSearchKind, string>;
  mobile: string;
  mobileHint: string;
  serial: string;
  block: string;
  blockOptional: string;
  chooseBlock: string;
  anyBlock: string;
  idLast4: string;
  birthYear: string;
  name: string;
  nameHint: string;
  search: string;
  searching: string;
  problems: Record<HelpdeskQueryProblem | "blockUnknown", string>;
  noneFound: string;
  found: (n: number) => string;
  more: string;
  searchesLeft: (n: number) => string;
  open: string;
  opening: string;
  back: string;
  born: string;
  sex: Record<"MALE" | "FEMALE" | "OTHER", string>;
  mobileLabel: string;
  idLabel: string;
  blocksLabel: string;
  dose: (n: number) => string;
  serialLabel: string;
  states: Record<DoseState, string>;
  slip: string;
  slipTitle: string;
  slipFor: string;
  statusAsOf: string;
  printedAt: string;
  print: string;
  closeSlip: string;
  slipFooter: string;
  language: string;
  errorPrefix: string;
};

const en: Text = {
  title: "Helpdesk lookup",
  intro: "Find one person who was vaccinated and tell them, in plain words, where each dose stands. Every search and every person opened is logged.",
  searchBy: "Search by",
  kinds: { mobile: "Mobile number", serial: "Register serial", idLast4: "ID last 4 + birth year", name: "Name + block" },
  mobile: "Mobile number",
  mobileHint: "10 digits; +91 or 0 in front is fine.",
  serial: "Register serial",
  block: "Block",
  blockOptional: "Block (optional)",
  chooseBlock: "Choose a block",
  anyBlock: "Any block",
  idLast4: "Last 4 digits of the ID",
  birthYear: "Year of birth",
  name: "Name",
  nameHint: "Hindi or English spelling; at least 3 letters.",
  search: "Search",
  searching: "Searching…",
  problems: { ...HELPDESK_QUERY_MESSAGES, blockUnknown: "There is no such block; choose one from the list." },

  noneFound: "Nobody found. Check the number or spelling, or try another way of searching.",
  found: (n) => (n === 1 ? "1 person found" : `${n} people found`),
  more: "More people match than are shown. Add more of the name, or search by mobile or ID instead.",
  searchesLeft: (n) => `${n} searches left in the next few minutes.`,
  open: "Open",
  opening: "Opening…",
  back: "Back to results",
  born: "Born",
  sex: { MALE: "male", FEMALE: "female", OTHER: "other" },
  mobileLabel: "Mobile",
  idLabel: "ID",
  blocksLabel: "Block",
  dose: (n) => `Dose ${n}`,
  serialLabel: "Register serial",
  states: { onPortal: "On the portal", waiting: "Not yet on the portal", overdue: "Overdue: not on the portal after 48 hours", rejected: "Not accepted by the portal", anomaly: "Being checked (anomaly)" },
  slip: "Status slip",
  slipTitle: "Vaccination entry status slip",
  slipFor: "For",
  statusAsOf: "Status as of",
  printedAt: "Printed on",
  print: "Print",
  closeSlip: "Close slip",
  slipFooter: "District Health Office, Bhagalpur. Only the last digits of the mobile and ID number are shown.",
  language: "Slip language",
  errorPrefix: "Could not search:",
};

const hi: Text = {
  title: "हेल्पडेस्क खोज",
  intro: "टीका लगवा चुके किसी एक व्यक्ति को खोजें और सरल शब्दों में बताएँ कि हर खुराक की स्थिति क्या है। हर खोज और हर खोला गया रिकॉर्ड लॉग में दर्ज होता है।",
  searchBy: "किससे खोजें",
  kinds: { mobile: "मोबाइल नंबर", serial: "रजिस्टर क्रमांक", idLast4: "पहचान पत्र के अंतिम 4 अंक + जन्म वर्ष", name: "नाम + प्रखंड" },
  mobile: "मोबाइल नंबर",
  mobileHint: "10 अंक; आगे +91 या 0 भी चलेगा।",
  serial: "रजिस्टर क्रमांक",
  block: "प्रखंड",
  blockOptional: "प्रखंड (वैकल्पिक)",
  chooseBlock: "प्रखंड चुनें",
  anyBlock: "कोई भी प्रखंड",
  idLast4: "पहचान पत्र के अंतिम 4 अंक",
  birthYear: "जन्म वर्ष",
  name: "नाम",
  nameHint: "हिन्दी या अंग्रेज़ी वर्तनी; कम से कम 3 अक्षर।",
  search: "खोजें",
  searching: "खोज रहे हैं…",
  problems: {
    mobileEmpty: "कैंप में दिया गया मोबाइल नंबर लिखें।",
    mobileMalformed: "यह 6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का भारतीय मोबाइल नंबर नहीं है। नंबर जाँचकर फिर से कोशिश करें।",
    serialEmpty: "टीकाकरण कार्ड या रजिस्टर से रजिस्टर क्रमांक लिखें।",
    serialTooShort: "रजिस्टर क्रमांक में कम से कम 3 अक्षर होते हैं; पूरा क्रमांक लिखें।",
    idLast4Malformed: "कैंप में दिए गए पहचान पत्र के अंतिम 4 अंक (या अक्षर) लिखें।",
    birthYearMalformed: "जन्म वर्ष 4 अंकों में लिखें, जैसे 1969।",
    nameEmpty: "व्यक्ति का नाम लिखें।",
    nameTooShort: "नाम के कम से कम 3 अक्षर लिखें।",
    blockRequired: "वह प्रखंड चुनें जहाँ टीका लगा था; नाम से खोजने के लिए प्रखंड ज़रूरी है।",
    blockUnknown: "ऐसा कोई प्रखंड नहीं है; सूची से चुनें।",
  },
  noneFound: "कोई नहीं मिला। नंबर या वर्तनी जाँचें, या किसी और तरीके से खोजें।",
  found: (n) => `${n} व्यक्ति मिले`,
  more: "दिखाए गए से ज़्यादा लोग मेल खाते हैं। नाम का और हिस्सा लिखें, या मोबाइल या पहचान पत्र से खोजें।",
  searchesLeft: (n) => `अगले कुछ मिनटों में ${n} खोजें बाकी।`,
  open: "खोलें",
  opening: "खोल रहे हैं…",
  back: "परिणामों पर वापस",
  born: "जन्म",
  sex: { MALE: "पुरुष", FEMALE: "महिला", OTHER: "अन्य" },
  mobileLabel: "मोबाइल",
  idLabel: "पहचान पत्र",
  blocksLabel: "प्रखंड",
  dose: (n) => `खुराक ${n}`,
  serialLabel: "रजिस्टर क्रमांक",
  states: { onPortal: "पोर्टल पर दर्ज", waiting: "अभी पोर्टल पर दर्ज नहीं", overdue: "48 घंटे बाद भी पोर्टल पर दर्ज नहीं", rejected: "पोर्टल ने स्वीकार नहीं किया", anomaly: "जाँच जारी (विसंगति)" },
  slip: "स्थिति पर्ची",
  slipTitle: "टीकाकरण प्रविष्टि स्थिति पर्ची",
  slipFor: "नाम",
  statusAsOf: "स्थिति का समय",
  printedAt: "छपाई का समय",
  print: "छापें",
  closeSlip: "पर्ची बंद करें",
  slipFooter: "ज़िला स्वास्थ्य कार्यालय, भागलपुर। मोबाइल और पहचान संख्या के केवल अंतिम अंक दिखाए गए हैं।",
  language: "पर्ची की भाषा",
  errorPrefix: "खोज नहीं हो सकी:",
};

export const HELPDESK_TEXT: Record<HelpdeskLocale, Text> = { en, hi };

export function helpdeskText(locale: HelpdeskLocale): Text {
  return HELPDESK_TEXT[locale];
}

const MONTHS_HI = ["जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"];

/** "23 June 2021, 12:00 pm" / "23 जून 2021, 12:00" in IST, for the slip's printed-at line. */
export function formatPrintedAt(date: Date, locale: HelpdeskLocale): string {
  const parts = new Intl.DateTimeFormat("en-IN", {
    timeZone: "Asia/Kolkata",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    hour12: locale === "en",
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  if (locale === "hi") {
    const month = MONTHS_HI[Number(new Intl.DateTimeFormat("en-IN", { timeZone: "Asia/Kolkata", month: "numeric" }).format(date)) - 1];
    return `${get("day")} ${month} ${get("year")}, ${get("hour").padStart(2, "0")}:${get("minute")} बजे (IST)`;
  }
  return `${get("day")} ${get("month")} ${get("year")}, ${get("hour")}:${get("minute")} ${get("dayPeriod").toLowerCase()} IST`;
}
