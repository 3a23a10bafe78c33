/**
 * Finding a block by what someone wrote: its name, its Hindi name, its URL slug, or an alias (an old gazetteer
 * spelling, a portal master's spelling, a common misspelling), whatever the case and spacing. The directory is one
 * district's blocks (or a state's, where a name may then name two blocks) with their aliases, read from the
 * database; nothing here knows any place by name.
 */

export type DirectoryBlock = { id: number; districtId: number; name: string; nameHi: string; aliases: readonly string[] };

/** Lower case, NFC, no spaces, hyphens, underscores or dots: "Old  Town", "old-town" and "OLD TOWN" meet. */
export function blockKey(raw: string): string {
  return raw.normalize("NFC").trim().toLowerCase().replace(/[\s\-_.]+/g, "");
}

/** A looser key for a second try: Latin diacritics and all punctuation dropped ("Gāndhi Nagar", "Old Town."). */
export function looseBlockKey(raw: string): string {
  return raw
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/** URL form of a name: "Old Town" -> "old-town". */
export function slugOf(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export type BlockDirectory<B extends DirectoryBlock = DirectoryBlock> = {
  /** Every block the text could name (none, one, or — across districts — several). */
  find(raw: string): B[];
  blocks: readonly B[];
};

export function blockDirectory<B extends DirectoryBlock>(blocks: readonly B[]): BlockDirectory<B> {
  const exact = new Map<string, B[]>();
  const loose = new Map<string, B[]>();
  const add = (map: Map<string, B[]>, key: string, block: B) => {
    if (!key) return;
    const list = map.get(key) ?? [];
    if (!list.includes(block)) list.push(block);
    map.set(key, list);
  };
  for (const b of blocks) {
    for (const spelling of [b.name, b.nameHi, slugOf(b.name), ...b.aliases]) {
      add(exact, blockKey(spelling), b);
      add(loose, looseBlockKey(spelling), b);
    }
  }
  return {
    blocks,
    find(raw: string) {
      const key = blockKey(raw);
      if (!key) return [];
      return exact.get(key) ?? loose.get(looseBlockKey(raw)) ?? [];
    },
  };
}
