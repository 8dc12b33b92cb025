// The runtime patches (nunjucks-runtime.ts) give the same pages: a loop's `loop.*` variables, nested
// loops, loops over an object's keys and over pairs, variables set in a loop and a macro, macros
// imported by relative name, `a.b` and `a.method()` lookups, and autoescaping through all of them (each
// expected page is what Nunjucks gives without the patches).
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

  it('a loop over an object’s keys and values, over pairs, and asyncEach set the same loop variables', () => {
    const env = environment({
      'page.njk':
        '{% for k, v in { a: 1, b: 2, c: 3 } %}{{ k }}{{ v }}:{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.length }}{% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %} {% endfor %}|' +
        '{% for x, y in [[1, 2], [3, 4]] %}{{ x }}{{ y }}{{ loop.index }}{% if loop.last %}L{% endif %}{% endfor %}|' +
        '{% asyncEach n in [5, 6] %}{{ n }}{{ loop.index }}/{{ loop.length }}{% endeach %}|' +
        '{% for n in [] %}{{ loop.index }}{% else %}none{% endfor %}',
    });
    expect(env.render('page.njk', {})).toBe('a1:10323F b2:21213 c3:32103L |121342L|51/262/2|none');
  });

  it('a macro’s caller sees the loop’s item and not its loop variables, as in Nunjucks itself', () => {
    const env = environment({
      'page.njk': '{% macro wrap() %}<{{ caller() }}>{% endmacro %}{% for n in ["a", "b"] %}{% call wrap() %}{{ n }}{{ loop.index }}{% endcall %}{% set last = loop.last %}{% endfor %}',
    });
    expect(env.render('page.njk', {})).toBe('<a><b>');
  });

  it('a member and a method of a value: a method is called on its own object, a missing one is empty', () => {
    const env = environment({
      'page.njk': '{{ person.name }}|{{ person.greet("Hello") }}|{{ names.join(", ") }}|{{ person.missing }}|{{ nothing.at.all }}|{{ "abc".toUpperCase() }}|{{ person["name"] }}',
    });
    const person = {
      name: 'Iris',
      greet(this: { name: string }, word: string) {
        return `${word}, ${this.name}`;
      },
    };
    expect(env.render('page.njk', { person, names: ['a', 'b'] })).toBe('Iris|Hello, Iris|a, b|||ABC|Iris');
  });

  it('escapes a child’s name read as a member, in a loop, and from a method', () => {
    const env = environment({
      'page.njk': '{{ child.name }}|{% for c in children %}{{ c.name }}{{ loop.index }}{% endfor %}|{{ child.name.toUpperCase() }}',
    });
    const name = '<script>alert(1)</script>';
    expect(env.render('page.njk', { child: { name }, children: [{ name }] })).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt;|&lt;script&gt;alert(1)&lt;/script&gt;1|&lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;',
    );
  });

  it('escapes each of & " \' < > and \\ wherever it is in a value, and leaves a value without them as it is', () => {
    const env = environment({ 'page.njk': '{{ a }}|{{ b }}|{{ c | escape }}|{{ d | safe }}|{{ n }}' });
    const rendered = env.render('page.njk', { a: `Tom & "Jerry" O'Neil <b>\\`, b: 'Iris Penhale’s record, 3 April 2019', c: '<i>', d: '<i>ok</i>', n: 42 });
    expect(rendered).toBe('Tom &amp; &quot;Jerry&quot; O&#39;Neil &lt;b&gt;&#92;|Iris Penhale’s record, 3 April 2019|&lt;i&gt;|<i>ok</i>|42');
    expect((nunjucks.lib as unknown as { escape(value: string): string }).escape('<script>')).toBe('&lt;script&gt;');
  });
});
