/**
 * How alike two beneficiary names are, as written by two different operators (register vs portal). Spelling by
 * ear ("Ramesh"/"Ramesch"), a dropped middle name, initials and word order are common; different scripts are
 * not compared (a Devanagari name never matches a Latin one here).
 */

/** The threshold of nameSimilarity() at and above which two names are taken as the same person's. */
export const NAME_MATCH_THRESHOLD = 0.75;

/** Words of a name: lower case, Latin diacritics dropped, split on anything that is not a letter or digit. */
export function nameTokens(raw: string): string[] {
  return raw
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** 1 − edit distance / length of the longer; 0 when either is empty (an empty name is no evidence). */
function editSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0 || Math.min(a.length, b.length) === 0) return 0;
  return 1 - levenshtein(a, b) / longer;
}

function tokensAlike(a: string, b: string): boolean {
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  return editSimilarity(a, b) >= NAME_MATCH_THRESHOLD;
}

/**
 * Share of the shorter name's words (it needs two or more) that pair with distinct words of the longer, in any
 * order; "R. P. Mandal" and "Ramesh Mandal" both pair fully with "Ramesh Prasad Mandal".
 */
function tokenOverlap(a: string[], b: string[]): number {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (shorter.length < 2) return 0;
  // The surname carries most of the identity, so at least one paired word must be a full word, not an initial.
  let pairedFullWord = false;
  const unused = [...longer];
  let paired = 0;
  for (const token of shorter) {
    const index = unused.findIndex((candidate) => tokensAlike(token, candidate));
    if (index < 0) continue;
    if (token.length > 1 && unused[index]!.length > 1) pairedFullWord = true;
    unused.splice(index, 1);
    paired += 1;
  }
  return pairedFullWord ? paired / shorter.length : 0;
}

/** 0 (nothing alike) … 1 (the same once case, diacritics, spaces and punctuation are ignored). */
export function nameSimilarity(a: string, b: string): number {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  return Math.max(editSimilarity(ta.join(""), tb.join("")), tokenOverlap(ta, tb));
}

export function namesMatch(a: string, b: string): boolean {
  return nameSimilarity(a, b) >= NAME_MATCH_THRESHOLD;
}
