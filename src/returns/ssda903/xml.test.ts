// The SSDA903 XML follows the order of DfE's "Expanded SSDA903" schema (v3.3.0; standards.md §2.2):
// HEADER items, then each EPISODE, dates dd/mm/yyyy; UPN is always there (it may be empty).
import { describe, expect, it } from 'vitest';
import { ssda903Xml } from './xml.ts';
import { cleanChild, fixtureReturn } from './test-fixture.ts';

const order = (xml: string, names: string[]) => names.map((n) => xml.indexOf(`<${n}>`));

describe('the SSDA903 XML (EXPSSDA903, standards.md §2.2)', () => {
  it('writes the header items and the episode items in the schema’s order', () => {
    const xml = ssda903Xml(fixtureReturn());
    const header = order(xml, ['CHILDID', 'UPN', 'SEX', 'DOB', 'ETHNIC', 'UASC', 'AMISSING', 'AREVIEW', 'MOTHER', 'OC2', 'EPISODE']);
    expect(header.every((at) => at > 0)).toBe(true);
    expect([...header].sort((a, b) => a - b)).toEqual(header);
    const episode = order(xml.slice(xml.indexOf('<EPISODE>')), ['DECOM', 'RNE', 'LS', 'CIN', 'PL', 'PL_POST', 'HOME_POST', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE']);
    expect([...episode].sort((a, b) => a - b)).toEqual(episode);
    expect(xml).toContain('<DOB>15/06/2012</DOB>');
    expect(xml).toContain('<DECOM>01/03/2024</DECOM>');
    expect(xml).toContain('<SW_ID>XXAB12CD34</SW_ID>');
  });

  it('a child with no UPN still has the UPN item, empty; no DOLO before 2026-27', () => {
    const xml = ssda903Xml(fixtureReturn([cleanChild({ upn: null, dolo: [{ doloStart: '2025-05-01', doloEnd: null }] })]));
    expect(xml).toMatch(/<UPN\s*\/>|<UPN><\/UPN>/);
    expect(xml).not.toContain('<DOLO>');
    expect(ssda903Xml(fixtureReturn([cleanChild({ dolo: [{ doloStart: '2026-05-01', doloEnd: null }] })], 2027))).toContain('<DOLO_START>01/05/2026</DOLO_START>');
  });
});
