// What scripts/walk.ts looks for in a page's HTML (by regular expression: no parser is a dependency).

export interface Finding {
  kind: string;
  /** The page it was found on. */
  path: string;
  /** The page whose link led there. */
  from: string;
  detail: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '’', lsquo: '‘', ndash: '–', mdash: '—', hellip: '…', pound: '£' };

const decode = (text: string) =>
  text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (all, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? all;
  });

/** The text a user sees: no scripts, styles, tags or comments. */
export function visibleText(html: string): string {
  return decode(
    html
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<(script|style|template|textarea)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every link a user could follow: anchors' href, not forms. */
export function linksOf(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<a\b[^>]*?\shref="([^"]*)"/gi)) {
    const href = decode(m[1]!);
    if (!href || href.startsWith('#') || /^(mailto|tel|javascript):/i.test(href)) continue;
    out.push(href.split('#')[0]!);
  }
  return out;
}

const NEVER = [/\bundefined\b/, /\bNaN\b/, /\bnull\b/, /\[object Object\]/, /Invalid Date/];
// A raw code: snake_case words, or a `kind:` prefix such as front_door: (not times, URLs or references).
const SNAKE = /\b[a-z]+(?:_[a-z0-9]+)+\b/g;
const PREFIXED = /\b[a-z]+(?:_[a-z]+)*:[a-z_]+\b/g;

/** What should never show on a page. */
export function findingsOf(html: string): { kind: string; detail: string }[] {
  const out: { kind: string; detail: string }[] = [];
  const main = /<main\b[\s\S]*<\/main>/i.exec(html)?.[0] ?? html;
  const text = visibleText(main);
  const around = (index: number) => text.slice(Math.max(0, index - 40), index + 40);
  for (const re of NEVER) {
    const m = re.exec(text);
    if (m) out.push({ kind: `shows "${m[0]}"`, detail: around(m.index) });
  }
  for (const m of text.matchAll(SNAKE)) {
    // Addresses and user names are the worker's own spelling; a snake_case word in prose is a code.
    if (/[@.]/.test(text[m.index - 1] ?? '') || /[@.]/.test(text[m.index + m[0].length] ?? '')) continue;
    out.push({ kind: 'shows a snake_case code', detail: m[0] });
  }
  for (const m of text.matchAll(PREFIXED)) {
    if (/^(https?|mailto|urn):/.test(m[0])) continue;
    out.push({ kind: 'shows a raw code', detail: m[0] });
  }
  for (const m of main.matchAll(/<(h[1-6])\b[^>]*>([\s\S]*?)<\/\1>/gi)) {
    if (!visibleText(m[2]!)) out.push({ kind: 'empty heading', detail: m[1]! });
  }
  for (const m of main.matchAll(/<table\b[\s\S]*?<\/table>/gi)) {
    const body = /<tbody\b[^>]*>([\s\S]*?)<\/tbody>/i.exec(m[0]);
    if (body ? !/<tr\b/i.test(body[1]!) : !/<td\b/i.test(m[0])) {
      const caption = /<caption\b[^>]*>([\s\S]*?)<\/caption>/i.exec(m[0]);
      out.push({ kind: 'empty table', detail: caption ? visibleText(caption[1]!) : '(no caption)' });
    }
  }
  for (const m of main.matchAll(/<dt\b[^>]*>([\s\S]*?)<\/dt>\s*<dd\b[^>]*>([\s\S]*?)<\/dd>/gi)) {
    if (!visibleText(m[2]!)) out.push({ kind: 'empty summary value', detail: visibleText(m[1]!) });
  }
  return out;
}
