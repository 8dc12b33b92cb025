// Labels read mid-sentence ("Due in the next 60 days (DBS check renewals)"): lower-casing a label
// whole turned "DBS check renewal" into "dbs check renewal" on the fostering team's due list.
import { describe, expect, it } from 'vitest';
import { midSentence } from './format.ts';

describe('a label in the middle of a sentence', () => {
  it.each([
    ['Foster carer', 'foster carer'],
    ['Phone call', 'phone call'],
    ['Children’s home', 'children’s home'],
    ['Re-referral', 're-referral'],
    ['Health – A&E', 'health – A&E'],
    ['Allocated social worker', 'allocated social worker'],
    ['A DBS check', 'a DBS check'],
  ])('a word capitalised only for being first is lower-cased: %s → %s', (label, expected) => {
    expect(midSentence(label)).toBe(expected);
  });

  it.each([
    ['DBS check renewal'],
    ['IRO'],
    ['CP plan review'],
    ['CIN plan'],
    ['EHCP needs assessment'],
    ['UASC'],
    ['LADO referral'],
    ['MASH decision'],
    ['CiN census'],
  ])('an acronym (a word of two or more capitals) keeps its case: %s', (label) => {
    expect(midSentence(label)).toBe(label);
  });

  it.each([['Ofsted notification'], ['Cafcass report'], ['White British'], ['High Court order (inherent jurisdiction)'], ['National Referral Mechanism decision']])(
    'a proper name, or the first word of a name of several words, keeps its capital: %s',
    (label) => {
      expect(midSentence(label)).toBe(label);
    },
  );

  it('later words keep their case: they are capitalised only when they are names', () => {
    expect(midSentence('Any other White background')).toBe('any other White background');
    expect(midSentence('Secure accommodation order (Children Act 1989 s.25)')).toBe('secure accommodation order (Children Act 1989 s.25)');
  });

  it('nothing to say gives nothing', () => {
    expect(midSentence(undefined)).toBe('');
    expect(midSentence('')).toBe('');
  });
});
