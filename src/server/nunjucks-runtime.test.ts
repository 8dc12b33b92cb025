// The runtime patches (nunjucks-runtime.ts) give the same pages: a loop's `loop.*` variables, nested
// loops, variables set in a loop and a macro, and macros imported by relative name.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import nunjucks from 'nunjucks';
import './nunjucks-runtime.ts';

function environment(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'lantern-njk-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return new nunjucks.Environment(new nunjucks.FileSystemLoader(root), { autoescape: true });
}

describe('Nunjucks with Lantern’s runtime patches', () => {
  it('a loop’s index, first, last and length, in nested loops, and the outer loop’s again after the inner', () => {
    const env = environment({
      'page.njk': '{% for row in rows %}[{{ loop.index }}/{{ loop.length }}{% if loop.first %} first{% endif %}{% if loop.last %} last{% endif %}:{% for cell in row %}{{ loop.index0 }}{{ loop.revindex }}{% endfor %} {{ loop.index }}]{% endfor %}',
    });
    expect(env.render('page.njk', { rows: [['a', 'b'], ['c'], []] })).toBe('[1/3 first:0211 1][2/3:01 2][3/3 last: 3]');
  });

  it('a variable set inside a loop and inside a macro goes where Nunjucks puts it', () => {
    const env = environment({
      'page.njk': '{% set total = 0 %}{% for n in [1, 2, 3] %}{% set total = total + n %}{% endfor %}{{ total }}|{% macro m(x) %}{% set y = x * 2 %}{{ y }}{% endmacro %}{{ m(4) }}{{ y }}',
    });
    // A loop's set reaches the variable outside it (Nunjucks' scoping); a macro's stays inside.
    expect(env.render('page.njk', {})).toBe('6|8');
  });

  it('macros imported by a relative name, twice on a page, from two templates in different folders', () => {
    const env = environment({
      'components/label/macro.njk': '{% macro label(text) %}<label>{{ text }}</label>{% endmacro %}',
      'components/input/macro.njk': '{% from "../label/macro.njk" import label %}{% macro input(name) %}{{ label(name) }}<input name="{{ name }}">{% endmacro %}',
      'views/page.njk': '{% from "components/input/macro.njk" import input %}{% import "components/label/macro.njk" as labels %}{{ input("a") }}{{ input("b") }}{{ labels.label("c") }}',
    });
    const page = '<label>a</label><input name="a"><label>b</label><input name="b"><label>c</label>';
    expect(env.render('views/page.njk', {})).toBe(page);
    expect(env.render('views/page.njk', {})).toBe(page);
  });
});
