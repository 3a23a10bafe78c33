/**
 * The words of every message sent outside the app (issue 16), in Hindi and English. Kept short: an SMS in Hindi
 * is UCS-2 (70 characters a segment), and a digest must stay within two segments. Figures are plain digits,
 * readable on any handset.
 */
import { fitRankedList } from "@/core/domain/sms-segments";

export type NotifyLang = "hi" | "en";

export type BlockFigures = { block: string; blockHi: string; pending: number; overdue: number; dueWithin6h: number };

export function blockDigestText(lang: NotifyLang, f: BlockFigures): string {
  return lang === "hi"
    ? `${f.blockHi}: ${f.pending} लंबित, ${f.overdue} समय-सीमा पार, अगले 6 घंटे में ${f.dueWithin6h} और`
    : `${f.block}: ${f.pending} pending, ${f.overdue} past the deadline, ${f.dueWithin6h} more in the next 6 h`;
}

/** The district's totals, then its blocks worst first (most past the deadline, then most pending), cut to fit. */
export function districtDigestText(lang: NotifyLang, district: { name: string; nameHi: string; pending: number; overdue: number }, blocks: readonly BlockFigures[], maxSegments = 2): string {
  const ranked = [...blocks].filter((b) => b.pending > 0).sort((a, b) => b.overdue - a.overdue || b.pending - a.pending || a.block.localeCompare(b.block));
  const head =
    lang === "hi"
      ? `${district.nameHi}: ${district.pending} लंबित, ${district.overdue} समय-सीमा पार। सबसे पीछे: `
      : `${district.name}: ${district.pending} pending, ${district.overdue} past the deadline. Worst: `;
  const items = ranked.map((b) => (lang === "hi" ? `${b.blockHi} ${b.pending} (${b.overdue} पार)` : `${b.block} ${b.pending} (${b.overdue} late)`));
  return fitRankedList(head, items, { separator: ", ", maxSegments, more: (n) => (lang === "hi" ? `+${n} और` : `+${n} more`) });
}

export function blockRiskText(lang: NotifyLang, kind: "BLOCK_AT_RISK" | "BLOCK_BACK_ON_TRACK", f: { block: string; blockHi: string; pending: number; overdue: number }): string {
  if (kind === "BLOCK_AT_RISK") {
    return lang === "hi"
      ? `${f.blockHi} 48 घंटे की समय-सीमा से चूकने के जोखिम में: ${f.pending} लंबित, ${f.overdue} समय-सीमा पार।`
      : `${f.block} is at risk of missing the 48-hour deadline: ${f.pending} pending, ${f.overdue} past it.`;
  }
  return lang === "hi" ? `${f.blockHi} फिर से समय पर: ${f.pending} लंबित।` : `${f.block} is back on track: ${f.pending} pending.`;
}

/** To the DIO: a block alert that did not move the backlog. */
export function escalationText(lang: NotifyLang, f: { block: string; blockHi: string; minutes: number; then: number; now: number }): string {
  return lang === "hi"
    ? `${f.blockHi}: जोखिम अलर्ट के ${f.minutes} मिनट बाद भी लंबित कम नहीं हुए (${f.then} → ${f.now})। प्रखंड से बात करें।`
    : `${f.block}: ${f.minutes} min after the at-risk alert the backlog has not moved (${f.then} → ${f.now}). Please call the block.`;
}

export function portalText(lang: NotifyLang, kind: "PROBE_DOWN" | "PROBE_RECOVERED", target: string, sinceIst: string): string {
  if (kind === "PROBE_DOWN") return lang === "hi" ? `${target} बंद है (${sinceIst} IST से)।` : `${target} is DOWN (since ${sinceIst} IST).`;
  return lang === "hi" ? `${target} फिर से चालू है (${sinceIst} IST से बंद था)।` : `${target} has recovered (down since ${sinceIst} IST).`;
}

export function testText(lang: NotifyLang, channel: string): string {
  return lang === "hi" ? `Teeka Monitor: यह ${channel} चैनल का परीक्षण संदेश है।` : `Teeka Monitor: this is a test message of the ${channel} channel.`;
}

/** An email's subject: the product and the message's first clause. */
export function subjectOf(text: string): string {
  const first = text.split(/[:।.]/)[0] ?? text;
  return `Teeka Monitor: ${first.slice(0, 80)}`;
}
