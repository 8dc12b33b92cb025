// What recurs in what children say at return interviews: places and people named again and again,
// for one child (seed MI-04) and across children (MI-03, MI-10: "links between children,
// perpetrators and locations"). Workers write one place or person a line; the same name written
// differently ("The bus station", "bus station.") is grouped by a normalised key.

/** The places or people in an interview's answer: one a line (or separated by semicolons). */
export function namedEntries(text: string | null): string[] {
  if (!text) return [];
  return text
    .split(/[\n;]+/)
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter((s) => s.length > 0);
}

/** Answers that name nobody and nowhere: never grouped as "shared". */
const NAMES_NOTHING = new Set(['no one', 'nobody', 'noone', 'alone', 'on my own', 'on their own', 'on his own', 'on her own', 'unknown', 'not known', 'dont know', 'do not know', 'did not say', 'didnt say', 'would not say', 'wouldnt say', 'not said', 'none', 'n a', 'nowhere']);

/** The key a name is grouped by: lower case, without accents, punctuation or a leading "the"/"a". */
export function normaliseName(entry: string): string {
  return entry
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^(the|a|an) /, '');
}

const capitals = (s: string) => (s.match(/[A-Z]/g) ?? []).length;

export interface Named {
  key: string;
  /** The way it was most often written. */
  label: string;
  childIds: string[];
  episodeIds: string[];
}

/** Groups what was named by key; each group with the children and episodes behind it, most children first. */
export function groupNamed(items: readonly { childId: string; episodeId: string; text: string | null }[]): Named[] {
  const groups = new Map<string, { spellings: Map<string, number>; children: Set<string>; episodes: Set<string> }>();
  for (const item of items) {
    for (const entry of namedEntries(item.text)) {
      const key = normaliseName(entry);
      if (!key || NAMES_NOTHING.has(key)) continue;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { spellings: new Map(), children: new Set(), episodes: new Set() }));
      group.spellings.set(entry, (group.spellings.get(entry) ?? 0) + 1);
      group.children.add(item.childId);
      group.episodes.add(item.episodeId);
    }
  }
  return [...groups.entries()]
    .map(([key, g]) => ({
      key,
      // The commonest spelling; between equals, the one with capitals (a proper name), then the first alphabetically.
      label: [...g.spellings.entries()].sort((a, b) => b[1] - a[1] || capitals(b[0]) - capitals(a[0]) || a[0].localeCompare(b[0]))[0]![0],
      childIds: [...g.children].sort(),
      episodeIds: [...g.episodes].sort(),
    }))
    .sort((a, b) => b.childIds.length - a.childIds.length || b.episodeIds.length - a.episodeIds.length || a.key.localeCompare(b.key));
}
