// For the tests: the Annex A specs as Ofsted's and LIIA's tools have them
// (/work/shared/specs/annex-a-columns.yml and annex-a-value-codes.yml), read with just enough YAML
// for their shape (lists, keys, anchors and aliases), so that a test compares Lantern's columns and
// values with the files themselves rather than with a copy.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const specs = path.resolve(process.cwd(), '../shared/specs');
const read = (name: string) => readFileSync(path.join(specs, name), 'utf8').split(/\r?\n/);

const unquote = (s: string) => {
  const t = s.trim();
  if ((t.startsWith("'") || t.startsWith('"')) && t.length > 1) {
    const end = t.indexOf(t[0]!, 1);
    return end > 0 ? t.slice(1, end) : t.slice(1);
  }
  return t.replace(/\s+#.*$/, '').trim();
};

/** A key line at the given indent: its name (unquoted) and what follows the colon. */
function keyAt(line: string, indent: number): { key: string; rest: string } | null {
  if (!line.startsWith(' '.repeat(indent)) || line[indent] === ' ' || line.trim().startsWith('-') || line.trim().startsWith('#')) return null;
  const body = line.slice(indent);
  const m = /^("[^"]*"|'[^']*'|.+?):(\s.*)?$/.exec(body);
  if (!m) return null;
  return { key: unquote(m[1]!), rest: (m[2] ?? '').trim() };
}

/** Each list's column names, in the file's order. */
export function specColumns(): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of read('annex-a-columns.yml')) {
    const list = keyAt(line, 4);
    if (list && /^List \d+$/.test(list.key)) {
      current = [];
      lists.set(list.key, current);
      continue;
    }
    const column = keyAt(line, 8);
    if (column && current) current.push(column.key);
  }
  return lists;
}

/** Each list's columns that have value codes, with the codes (aliases resolved). */
export function specValueCodes(): Map<string, Map<string, string[]>> {
  const lists = new Map<string, Map<string, string[]>>();
  const anchors = new Map<string, string[]>();
  let list: Map<string, string[]> | null = null;
  let codes: string[] | null = null;
  for (const line of read('annex-a-value-codes.yml')) {
    const l = keyAt(line, 4);
    if (l && /^List \d+$/.test(l.key)) {
      list = new Map();
      lists.set(l.key, list);
      codes = null;
      continue;
    }
    const column = keyAt(line, 8);
    if (column && list) {
      if (column.rest.startsWith('*')) {
        list.set(column.key, anchors.get(column.rest.slice(1).trim()) ?? []);
        codes = null;
      } else {
        codes = [];
        list.set(column.key, codes);
      }
      continue;
    }
    const anchor = /^ {12}&(\S+)\s*$/.exec(line);
    if (anchor && codes) {
      anchors.set(anchor[1]!, codes);
      continue;
    }
    const code = /^\s*- code:\s*(.*)$/.exec(line);
    if (code && codes) codes.push(unquote(code[1]!));
  }
  return lists;
}

/** A column's name as the value-codes file spells it, compared loosely (it has a few typos). */
export const looseName = (name: string) =>
  name.toLowerCase().replace(/eligibity/g, 'eligibility').replace(/accomodation/g, 'accommodation').replace(/[^a-z0-9]/g, '');

/** The value codes of one column of one list, or undefined when the column is free text or a date. */
export function codesFor(valueCodes: Map<string, Map<string, string[]>>, sheet: string, header: string): string[] | undefined {
  const columns = valueCodes.get(sheet);
  if (!columns) return undefined;
  for (const [name, codes] of columns) if (looseName(name) === looseName(header)) return codes;
  return undefined;
}
