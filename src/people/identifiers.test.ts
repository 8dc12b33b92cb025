import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  isUpnLaCode,
  LA_CHILD_ID_MAX_LENGTH,
  nhsCheckDigit,
  UPN_LETTERS,
  upnCheckLetter,
  validateFormerUpn,
  validateLaChildId,
  validateNhsNumber,
  validateUpn,
  type IdentifierResult,
} from './identifiers.ts';

function messageOf(result: IdentifierResult): string {
  if (result.ok) throw new Error(`expected a failure, got ok "${result.value}"`);
  return result.message;
}

describe('NHS number', () => {
  // Worked by hand:
  //   943 476 591: 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 299;
  //   299 mod 11 = 2; 11 − 2 = 9, so 943 476 5919 is valid.
  //   401 023 213: 40 + 0 + 8 + 0 + 12 + 15 + 8 + 3 + 6 = 92; 92 mod 11 = 4; 11 − 4 = 7.
  //   123 456 789: 10 + 18 + 24 + 28 + 30 + 30 + 28 + 24 + 18 = 210; 210 mod 11 = 1;
  //   11 − 1 = 10, so no NHS number starts 123 456 789.
  it('computes check digits', () => {
    expect(nhsCheckDigit('943476591')).toBe(9);
    expect(nhsCheckDigit('401023213')).toBe(7);
    expect(nhsCheckDigit('123456789')).toBeNull();
    expect(() => nhsCheckDigit('12345678')).toThrow(RangeError);
    expect(() => nhsCheckDigit('12345678a')).toThrow(RangeError);
  });

  it('accepts valid numbers with or without spaces and normalises to 10 digits', () => {
    expect(validateNhsNumber('943 476 5919')).toEqual({ ok: true, value: '9434765919' });
    expect(validateNhsNumber('9434765919')).toEqual({ ok: true, value: '9434765919' });
    expect(validateNhsNumber('  401 023 2137 ')).toEqual({ ok: true, value: '4010232137' });
    // Non-breaking spaces arrive when numbers are pasted from documents.
    expect(validateNhsNumber('943\u00a0476\u00a05919')).toEqual({ ok: true, value: '9434765919' });
  });

  it('rejects the wrong number of digits', () => {
    expect(messageOf(validateNhsNumber('943 476 591'))).toBe('NHS number must be 10 digits (this has 9)');
    expect(messageOf(validateNhsNumber('943 476 59190'))).toBe(
      'NHS number must be 10 digits (this has 11)',
    );
  });

  it('rejects blanks and characters other than digits and spaces', () => {
    expect(messageOf(validateNhsNumber('   '))).toBe('Enter the NHS number');
    expect(messageOf(validateNhsNumber('943-476-5919'))).toBe(
      'NHS number can only contain numbers and spaces',
    );
    expect(messageOf(validateNhsNumber('94347659l9'))).toBe(
      'NHS number can only contain numbers and spaces',
    );
  });

  it('rejects a wrong check digit, including the never-issued remainder-10 case', () => {
    const wrong = 'NHS number check digit is wrong: check the number was typed correctly';
    expect(messageOf(validateNhsNumber('943 476 5918'))).toBe(wrong);
    expect(messageOf(validateNhsNumber('943 476 5991'))).toBe(wrong); // last two swapped
    for (let d = 0; d <= 9; d++) {
      expect(messageOf(validateNhsNumber(`123456789${d}`))).toBe(wrong);
    }
  });

  it('notes that all-same-digit numbers pass modulus 11 (no standard rule rejects them)', () => {
    for (let d = 0; d <= 9; d++) expect(nhsCheckDigit(String(d).repeat(9))).toBe(d);
  });

  const first9 = fc.stringMatching(/^\d{9}$/).filter((s) => nhsCheckDigit(s) !== null);
  const validNhs = first9.map((s) => `${s}${nhsCheckDigit(s)}`);

  it('property: nine digits plus the computed check digit always validate', () => {
    fc.assert(
      fc.property(validNhs, (nhs) => {
        expect(validateNhsNumber(nhs)).toEqual({ ok: true, value: nhs });
        const spaced = `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`;
        expect(validateNhsNumber(spaced)).toEqual({ ok: true, value: nhs });
      }),
    );
  });

  it('property: a prefix with remainder 10 has no valid number', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{9}$/).filter((s) => nhsCheckDigit(s) === null),
        fc.integer({ min: 0, max: 9 }),
        (prefix, d) => !validateNhsNumber(`${prefix}${d}`).ok,
      ),
    );
  });

  // Why this always holds: changing digit i (weight w in 2..10) by δ ≠ 0 (|δ| ≤ 9) moves the sum
  // by wδ, which is never a multiple of the prime 11, so the remainder changes; remainder → check
  // digit is one-to-one (or "no check digit"), so the old check digit no longer fits. Changing the
  // check digit itself obviously fails.
  it('property: changing any one digit always invalidates', () => {
    fc.assert(
      fc.property(
        validNhs,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (nhs, position, shift) => {
          const changed = (Number(nhs.charAt(position)) + shift) % 10;
          const mutated = nhs.slice(0, position) + String(changed) + nhs.slice(position + 1);
          return !validateNhsNumber(mutated).ok;
        },
      ),
    );
  });

  // Weights of neighbours differ by 1, so swapping different digits a, b moves the sum by ±(a − b).
  it('property: swapping two different adjacent digits always invalidates', () => {
    fc.assert(
      fc.property(validNhs, fc.integer({ min: 0, max: 8 }), (nhs, i) => {
        fc.pre(nhs.charAt(i) !== nhs.charAt(i + 1));
        const swapped = nhs.slice(0, i) + nhs.charAt(i + 1) + nhs.charAt(i) + nhs.slice(i + 2);
        return !validateNhsNumber(swapped).ok;
      }),
    );
  });
});

describe('UPN', () => {
  // Worked by hand (weights 2..13 on characters 2..13; sum mod 23 → A B C D E F G H J K L M N P Q
  // R T U V W X Y Z, i.e. A=0 … Z=22):
  //   ?801200005001: 8×2 + 0×3 + 1×4 + 2×5 + 0×6 + 0×7 + 0×8 + 0×9 + 5×10 + 0×11 + 0×12 + 1×13
  //                = 16 + 4 + 10 + 50 + 13 = 93; 93 mod 23 = 1 → B, so B801200005001.
  //   ?209400124001: 2×2 + 0×3 + 9×4 + 4×5 + 0×6 + 0×7 + 1×8 + 2×9 + 4×10 + 0 + 0 + 1×13
  //                = 4 + 36 + 20 + 8 + 18 + 40 + 13 = 139; 139 mod 23 = 1 → B, so B209400124001.
  //   Temporary UPN ?80120000500T: the first eleven digits give 93 − 13 = 80; T is 16 in the
  //                letter table, 16×13 = 208; 288 mod 23 = 12 → N, so N80120000500T.
  //   ?80120000500A: 80 + 0×13 = 80; 80 mod 23 = 11 → M, so M80120000500A.
  it('computes check letters', () => {
    expect(upnCheckLetter('801200005001')).toBe('B');
    expect(upnCheckLetter('209400124001')).toBe('B');
    expect(upnCheckLetter('80120000500T')).toBe('N');
    expect(upnCheckLetter('80120000500t')).toBe('N');
    expect(upnCheckLetter('80120000500A')).toBe('M');
    expect(() => upnCheckLetter('80120000500I')).toThrow(RangeError);
    expect(() => upnCheckLetter('8012000050')).toThrow(RangeError);
  });

  it('accepts permanent and temporary UPNs, normalising case and spaces', () => {
    expect(validateUpn('B801200005001')).toEqual({ ok: true, value: 'B801200005001' });
    expect(validateUpn('b209 4001 24001')).toEqual({ ok: true, value: 'B209400124001' });
    expect(validateUpn('N80120000500T')).toEqual({ ok: true, value: 'N80120000500T' });
    expect(validateUpn('m80120000500a')).toEqual({ ok: true, value: 'M80120000500A' });
  });

  it('explains each kind of mistake', () => {
    expect(messageOf(validateUpn(''))).toBe('Enter the UPN');
    expect(messageOf(validateUpn('UN4'))).toBe(
      'UN4 is a reason the UPN is not known, not a UPN: record it as the "UPN unknown" reason instead',
    );
    expect(messageOf(validateUpn('B80120000500'))).toBe('UPN must be 13 characters (this has 12)');
    expect(messageOf(validateUpn('B801-20000500'))).toBe('UPN can only contain letters and numbers');
    expect(messageOf(validateUpn('1801200005001'))).toBe('UPN must start with a letter');
    expect(messageOf(validateUpn('B8012000X5001'))).toBe(
      'Characters 2 to 12 of the UPN must all be numbers',
    );
    expect(messageOf(validateUpn('O801200005001'))).toBe(
      'UPN cannot start with I, O or S: check the number was typed correctly',
    );
    expect(messageOf(validateUpn('B80120000500S'))).toBe(
      'The last character of the UPN must be a number or a letter other than I, O or S',
    );
    // 950 is not an LA number (its check letter, A, is right).
    expect(upnCheckLetter('950000178301')).toBe('A');
    expect(messageOf(validateUpn('A950000178301'))).toBe(
      'Characters 2 to 4 of the UPN should be a local authority number, and 950 is not one: check the number was typed correctly',
    );
    expect(messageOf(validateUpn('C801200005001'))).toBe(
      'UPN check letter is wrong: check the number was typed correctly',
    );
  });

  it('validates a former UPN in the same way, naming the field', () => {
    expect(validateFormerUpn('N80120000500T')).toEqual({ ok: true, value: 'N80120000500T' });
    expect(messageOf(validateFormerUpn('C801200005001'))).toBe(
      'Former UPN check letter is wrong: check the number was typed correctly',
    );
    expect(messageOf(validateFormerUpn('X98721238'))).toBe(
      'Former UPN must be 13 characters (this has 9)',
    );
  });

  it('knows the rule 1530 LA numbers', () => {
    for (const code of ['001', '005', '201', '209', '420', '681', '838', '896', '941', '942', '943']) {
      expect(isUpnLaCode(code), code).toBe(true);
    }
    for (const code of ['000', '006', '200', '214', '321', '804', '950', '999', '20', '2a1']) {
      expect(isUpnLaCode(code), code).toBe(false);
    }
  });

  const laCode = fc
    .integer({ min: 0, max: 999 })
    .map((n) => String(n).padStart(3, '0'))
    .filter(isUpnLaCode);
  const lastChar = fc.constantFrom(...'0123456789', ...UPN_LETTERS);
  const body = fc
    .tuple(laCode, fc.stringMatching(/^\d{8}$/), lastChar)
    .map(([la, digits, last]) => `${la}${digits}${last}`);
  const validUpn = body.map((b) => `${upnCheckLetter(b)}${b}`);

  it('property: a generated body with its computed check letter always validates', () => {
    fc.assert(
      fc.property(validUpn, (upn) => {
        expect(validateUpn(upn)).toEqual({ ok: true, value: upn });
        expect(validateFormerUpn(upn.toLowerCase())).toEqual({ ok: true, value: upn });
      }),
    );
  });

  it('property: any other check letter is rejected', () => {
    fc.assert(
      fc.property(validUpn, fc.constantFrom(...UPN_LETTERS), (upn, letter) => {
        fc.pre(letter !== upn.charAt(0));
        return !validateUpn(letter + upn.slice(1)).ok;
      }),
    );
  });

  // Changing character i (weight 2..13) by δ ≠ 0 with |δ| ≤ 22 moves the sum by a non-multiple of
  // the prime 23, so the check letter no longer fits (or the LA number stops being one).
  it('property: changing any one digit of the body always invalidates', () => {
    fc.assert(
      fc.property(
        validUpn,
        fc.integer({ min: 1, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        (upn, position, shift) => {
          const changed = (Number(upn.charAt(position)) + shift) % 10;
          const mutated = upn.slice(0, position) + String(changed) + upn.slice(position + 1);
          return !validateUpn(mutated).ok;
        },
      ),
    );
  });
});

describe('LA child ID', () => {
  it('accepts letters and digits up to 20 characters, trimming surrounding spaces', () => {
    expect(validateLaChildId(' AB12345 ')).toEqual({ ok: true, value: 'AB12345' });
    expect(validateLaChildId('a'.repeat(LA_CHILD_ID_MAX_LENGTH))).toEqual({
      ok: true,
      value: 'a'.repeat(20),
    });
    expect(validateLaChildId('9')).toEqual({ ok: true, value: '9' });
  });

  it('rejects blanks, symbols and over-long IDs', () => {
    expect(messageOf(validateLaChildId('  '))).toBe('Enter the LA child ID');
    expect(messageOf(validateLaChildId('AB-123'))).toBe(
      'LA child ID can only contain letters and numbers (no spaces, dashes or other symbols)',
    );
    expect(messageOf(validateLaChildId('AB 123'))).toBe(
      'LA child ID can only contain letters and numbers (no spaces, dashes or other symbols)',
    );
    expect(messageOf(validateLaChildId('É123'))).toBe(
      'LA child ID can only contain letters and numbers (no spaces, dashes or other symbols)',
    );
    expect(messageOf(validateLaChildId('A'.repeat(21)))).toBe(
      'LA child ID must be 20 characters or fewer (this has 21)',
    );
  });

  it('applies a shorter limit when asked (2021 SSDA903 XML CHILDID is 1-10 characters)', () => {
    expect(messageOf(validateLaChildId('A12345678901', { maxLength: 10 }))).toBe(
      'LA child ID must be 10 characters or fewer (this has 12)',
    );
    expect(validateLaChildId('A123456789', { maxLength: 10 }).ok).toBe(true);
  });
});
