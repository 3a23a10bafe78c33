/**
 * Name matching for the helpdesk: "गौतम कुमार", "Gautam Kumar" and "Goutam Kumaar" are the same person at the
 * counter. Each word becomes a Latin skeleton (Devanagari transliterated, accents and punctuation dropped), then a
 * phonetic key: aspirates and sibilants merged (kh/k, sh/s, ph/f, v/w/b), doubled letters collapsed, vowels dropped
 * except a word-initial one, and a word-final i/ee/y kept (Kumar is not Kumari). Pure; no database.
 */

const VIRAMA = "\u094D";
const NUKTA = "\u093C";
const ANUSVARA = "\u0902";
const CHANDRABINDU = "\u0901";
const VISARGA = "\u0903";

const CONSONANTS: Record<string, string> = {
  क: "k", ख: "kh", ग: "g", घ: "gh", ङ: "n",
  च: "ch", छ: "chh", ज: "j", झ: "jh", ञ: "n",
  ट: "t", ठ: "th", ड: "d", ढ: "dh", ण: "n",
  त: "t", थ: "th", द: "d", ध: "dh", न: "n",
  प: "p", फ: "ph", ब: "b", भ: "bh", म: "m",
  य: "y", र: "r", ल: "l", व: "v", श: "sh", ष: "sh", स: "s", ह: "h", ळ: "l",
};

/** Consonant + nukta: the Perso-Arabic sounds and the flapped r. */
const NUKTA_CONSONANTS: Record<string, string> = { क: "q", ख: "kh", ग: "g", ज: "z", फ: "f", ड: "r", ढ: "rh" };

const INDEPENDENT_VOWELS: Record<string, string> = {
  अ: "a", आ: "aa", इ: "i", ई: "ee", उ: "u", ऊ: "oo", ऋ: "ri", ए: "e", ऐ: "ai", ओ: "o", औ: "au", ऑ: "o",
};

const MATRAS: Record<string, string> = {
  "\u093E": "aa", "\u093F": "i", "\u0940": "ee", "\u0941": "u", "\u0942": "oo", "\u0943": "ri",
  "\u0947": "e", "\u0948": "ai", "\u094B": "o", "\u094C": "au", "\u0949": "o", "\u0945": "e",
};

/** Devanagari to a plain Latin spelling ("गौतम" → "gautam"); other characters pass through unchanged. */
export function transliterate(text: string): string {
  const chars = [...text.normalize("NFD")];
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const base = CONSONANTS[ch];
    if (base !== undefined) {
      let sound = base;
      if (chars[i + 1] === NUKTA) {
        sound = NUKTA_CONSONANTS[ch] ?? base;
        i++;
      }
      const next = chars[i + 1];
      if (next === VIRAMA) {
        out += sound;
        i++;
      } else if (next !== undefined && MATRAS[next] !== undefined) {
        out += sound + MATRAS[next];
        i++;
      } else {
        // The inherent vowel; a word-final one is silent ("गौतम" is Gautam, not Gautama).
        out += isDevanagariLetter(next) || next === ANUSVARA || next === CHANDRABINDU || next === VISARGA ? `${sound}a` : sound;
      }
      continue;
    }
    if (ch === ANUSVARA || ch === CHANDRABINDU) {
      // सिंह is Singh: a nasal before h is written ng.
      out += chars[i + 1] === "ह" ? "ng" : "n";
      continue;
    }
    if (ch === VISARGA) {
      out += "h";
      continue;
    }
    if (ch === NUKTA || ch === VIRAMA) continue;
    out += INDEPENDENT_VOWELS[ch] ?? MATRAS[ch] ?? ch;
  }
  return out;
}

function isDevanagariLetter(ch: string | undefined): boolean {
  return ch !== undefined && (CONSONANTS[ch] !== undefined || INDEPENDENT_VOWELS[ch] !== undefined);
}

/** Lower-case Latin letters only, words split on anything else; Devanagari transliterated, accents removed. */
export function nameWords(name: string): string[] {
  return transliterate(name)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0);
}

const VOWELS = new Set(["a", "e", "i", "o", "u"]);
const ASPIRATED = new Set(["k", "g", "c", "j", "t", "d", "p", "b", "s", "r"]);

/** The phonetic key of one word: "gautam", "goutham" and "gotam" all give "gtm". */
export function phoneticKey(word: string): string {
  let w = word.toLowerCase().replace(/[^a-z]/g, "");
  if (!w) return "";
  w = w
    .replace(/x/g, "ks")
    .replace(/q(u)?/g, "k")
    .replace(/ph/g, "f")
    .replace(/ck/g, "k")
    .replace(/c(?!h)/g, "k")
    .replace(/ch+/g, "c")
    .replace(/z/g, "j")
    // w/v after a vowel and before a consonant or the end is a glide (Chowdhury, Keshav/केशव).
    .replace(/([aeiou])[wv](?=[^aeiou]|$)/g, "$1")
    .replace(/[wv]/g, "b");
  const endsInI = w.length > 2 && /(i|ee|y|ey|ie)$/.test(w);
  const letters: string[] = [];
  for (let i = 0; i < w.length; i++) {
    const ch = w[i]!;
    const prev = w[i - 1];
    // An aspirate h (kh, gh, th, dh, bh, sh, rh ...) merges into its consonant.
    if (ch === "h" && prev !== undefined && ASPIRATED.has(prev)) continue;
    if (VOWELS.has(ch)) {
      if (i === 0) letters.push(ch === "e" ? "i" : ch);
      continue;
    }
    // y after the first letter is a vowel glide (Priyanka, Sanjay, Rai/Ray/राय).
    if (ch === "y" && i > 0) continue;
    letters.push(ch);
  }
  let key = "";
  for (const ch of letters) if (key[key.length - 1] !== ch) key += ch;
  if (endsInI && key.length > 0 && !(key.length === 1 && key === "i")) key += "i";
  return key;
}

/** Keys of every word of a name, in order. */
export function nameKeys(name: string): string[] {
  return nameWords(name)
    .map(phoneticKey)
    .filter((k) => k.length > 0);
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), stopping early past `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/** Keys this long or longer may differ by one edit (Prasad/Parsad is in the key already; Mandal/Mandl is not). */
const FUZZY_MIN_KEY = 4;

/** How well one query word fits one name word: 3 same key, 2 one edit apart, 1 an initial, 0 no fit. */
export function wordFit(queryKey: string, nameKey: string): number {
  if (!queryKey || !nameKey) return 0;
  if (queryKey === nameKey) return 3;
  if (queryKey.length === 1) return nameKey.startsWith(queryKey) ? 1 : 0;
  if (Math.min(queryKey.length, nameKey.length) >= FUZZY_MIN_KEY && editDistance(queryKey, nameKey, 1) <= 1) return 2;
  return 0;
}

/**
 * Scores a searched name against a stored one: every word of the query must fit a different word of the name
 * (any order); words of the name the query left out cost a little. 0 means no match; higher is better.
 */
export function nameMatchScore(query: string | readonly string[], name: string | readonly string[]): number {
  const q = typeof query === "string" ? nameKeys(query) : query;
  const n = typeof name === "string" ? nameKeys(name) : name;
  if (q.length === 0 || n.length === 0) return 0;
  const used = new Set<number>();
  let total = 0;
  // Longest query words first, so that an initial cannot take the word a full name needed.
  const order = q.map((key, i) => ({ key, i })).sort((x, y) => y.key.length - x.key.length);
  for (const { key } of order) {
    let best = 0;
    let bestAt = -1;
    n.forEach((nameKey, j) => {
      if (used.has(j)) return;
      const fit = wordFit(key, nameKey);
      if (fit > best) {
        best = fit;
        bestAt = j;
      }
    });
    if (best === 0) return 0;
    used.add(bestAt);
    total += best;
  }
  const unmatched = n.length - used.size;
  return Math.max(0.1, total - 0.5 * unmatched);
}

export function namesMatch(query: string, name: string): boolean {
  return nameMatchScore(query, name) > 0;
}
