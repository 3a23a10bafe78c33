/**
 * How many SMS segments a text costs (3GPP TS 23.038 / 23.040). A text that fits the GSM 7-bit alphabet takes 160
 * septets in one message and 153 per part when concatenated (the user-data header takes the rest); the extension
 * characters (^ { } [ ] ~ \ | €, form feed) take two septets. Anything else — any Devanagari letter — makes the
 * whole message UCS-2: 70 UTF-16 units in one message, 67 per part. Operators bill per segment, and some
 * handsets show more than a few parts badly, so digests are kept within two.
 */

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "^{}\\[~]|€\f";

const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

export type SmsEncoding = "GSM-7" | "UCS-2";

export type SmsCount = {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  /** What one segment holds at this length (single or concatenated). */
  perSegment: number;
};

export const GSM_SINGLE = 160;
export const GSM_PART = 153;
export const UCS2_SINGLE = 70;
export const UCS2_PART = 67;

export function countSms(text: string): SmsCount {
  let septets = 0;
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXTENSION.has(ch)) septets += 2;
    else return ucs2(text);
  }
  if (septets <= GSM_SINGLE) return { encoding: "GSM-7", units: septets, segments: septets === 0 ? 0 : 1, perSegment: GSM_SINGLE };
  return { encoding: "GSM-7", units: septets, segments: Math.ceil(septets / GSM_PART), perSegment: GSM_PART };
}

function ucs2(text: string): SmsCount {
  const units = text.length; // JavaScript strings are UTF-16 already
  if (units <= UCS2_SINGLE) return { encoding: "UCS-2", units, segments: 1, perSegment: UCS2_SINGLE };
  return { encoding: "UCS-2", units, segments: Math.ceil(units / UCS2_PART), perSegment: UCS2_PART };
}

export function smsSegments(text: string): number {
  return countSms(text).segments;
}

/**
 * `head` followed by as many of the ranked `items` as fit in `maxSegments`, each whole (a list is cut between
 * items, never inside a word); when some are left out, `more(n)` says how many. The head alone is returned when
 * not even one item fits (it is the message; the list is its detail).
 */
export function fitRankedList(head: string, items: readonly string[], opts: { separator: string; maxSegments: number; more: (left: number) => string }): string {
  const build = (n: number) => {
    const shown = items.slice(0, n);
    const rest = items.length - n;
    const parts = shown.length > 0 ? head + shown.join(opts.separator) : head.trimEnd();
    return rest > 0 ? `${parts}${shown.length > 0 ? opts.separator : " "}${opts.more(rest)}` : parts;
  };
  for (let n = items.length; n > 0; n--) {
    const text = build(n);
    if (smsSegments(text) <= opts.maxSegments) return text;
  }
  return build(0);
}
