// The care-leavers part of the measure catalogue (issue 9, decision 0038): at each birthday from 17 to
// 21 the record holds what SSDA903 OC3 asks (in touch, main activity, accommodation and whether it is
// suitable); the DfE figures count the young people whose birthday fell in the period, by age band.
// Pathway plans and the personal adviser's visits count the due list's clocks.
import { CARE_LEAVER_ACTIVITY } from '../../codes/ssda903.ts';
import { labelFor } from '../../codes/index.ts';
import { WITH_FORMER_FOSTER_CARERS } from '../../care-leavers/codes.ts';
import { eventsOf, openOn, planSpans, sortedIn, type Counted, type MeasureFacts, type Period } from '../counting.ts';
import type { BirthdayDetail } from '../facts.ts';
import { onTime, type Measure } from './define.ts';

/** In education, employment or training (OC3 ACTIV F1-P5); G4-G6 are not, and 0 is not known. */
export const IN_EDUCATION_EMPLOYMENT_OR_TRAINING: readonly string[] = ['F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5'];
/** OC3 ACCOM: the letter and 1 when suitable. */
export const isSuitable = (accommodation: string) => accommodation.length === 2 && accommodation.endsWith('1');

const BANDS = { '17-18': [17, 18], '19-21': [19, 20, 21], '18-21': [18, 19, 20, 21], '17-21': [17, 18, 19, 20, 21] } as const;
type Band = keyof typeof BANDS;

/** The birthdays from `band` that fell in the period, with what was recorded at each. */
function birthdaysIn(f: MeasureFacts, p: Period, band: Band): { childId: string; on: string; detail: BirthdayDetail }[] {
  const ages: readonly number[] = BANDS[band];
  return sortedIn(eventsOf(f, 'care-leaver.birthday'), (e) => e.occurredOn, p).flatMap((e) => {
    const detail = e.sourceId ? f.details.birthdays.get(e.sourceId) : undefined;
    return detail && ages.includes(detail.age) ? [{ childId: e.childId, on: e.occurredOn, detail }] : [];
  });
}

function atBirthdays(band: Band, what: (d: BirthdayDetail) => { met: boolean; fact: string }): (f: MeasureFacts, p: Period) => Counted[] {
  return (f, p) =>
    birthdaysIn(f, p, band).map((b) => {
      const { met, fact } = what(b.detail);
      return { childId: b.childId, on: b.on, facts: [`${b.detail.age}th birthday ${b.on}`, fact], met };
    });
}

const eet = (d: BirthdayDetail) => ({ met: IN_EDUCATION_EMPLOYMENT_OR_TRAINING.includes(d.activity), fact: labelFor(CARE_LEAVER_ACTIVITY, d.activity) ?? d.activity });
const suitable = (d: BirthdayDetail) => ({ met: isSuitable(d.accommodation), fact: `Accommodation ${d.accommodation}: ${isSuitable(d.accommodation) ? 'suitable' : d.accommodation === '0' ? 'not known' : 'not suitable'}` });

function birthdayMeasure(id: string, band: Band, name: string, what: 'eet' | 'suitable'): Measure {
  const ages = band === '17-18' ? '17th or 18th' : '19th, 20th or 21st';
  return {
    id,
    group: 'Care leavers',
    name,
    definition:
      what === 'eet'
        ? `Of the care leavers whose ${ages} birthday fell in the period, those in education, employment or training at it (as recorded for the birthday; a young person not in touch is not known, so not counted as in it).`
        : `Of the care leavers whose ${ages} birthday fell in the period, those in accommodation judged suitable at it (a young person not in touch is not known, so not counted as suitable).`,
    numerator: what === 'eet' ? 'Care leavers in education, employment or training' : 'Care leavers in suitable accommodation',
    denominator: `Care leavers whose ${ages} birthday fell in the period`,
    kind: 'percentage',
    when: 'period',
    citation:
      what === 'eet'
        ? `Q117, Q118 (Newham 58% EET, Wandsworth 44% NEET, Southend 15% NEET; DQ-05: the cohort must be stated); DfE dashboard (care leavers aged ${band} in education, employment or training); SSDA903 OC3; seed CL-08`
        : `Q122 (Wandsworth 90% of all, 83% of those aged 18-20; Southend 87%); DfE dashboard (care leavers aged ${band} in suitable accommodation); SSDA903 OC3; seed CL-06`,
    direction: 'higher',
    lookBackMonths: 0,
    events: ['care-leaver.birthday'],
    details: ['birthdays'],
    count: atBirthdays(band, what === 'eet' ? eet : suitable),
  };
}

export const CARE_LEAVERS: readonly Measure[] = [
  birthdayMeasure('care-leavers-eet-17-18', '17-18', 'Care leavers aged 17 to 18 in education, employment or training', 'eet'),
  birthdayMeasure('care-leavers-eet-19-21', '19-21', 'Care leavers aged 19 to 21 in education, employment or training', 'eet'),
  birthdayMeasure('care-leavers-suitable-17-18', '17-18', 'Care leavers aged 17 to 18 in suitable accommodation', 'suitable'),
  birthdayMeasure('care-leavers-suitable-19-21', '19-21', 'Care leavers aged 19 to 21 in suitable accommodation', 'suitable'),
  {
    id: 'care-leavers-in-touch',
    group: 'Care leavers',
    name: 'Care leavers in touch',
    definition: 'Of the care leavers whose 17th to 21st birthday fell in the period, those the council was in touch with at it.',
    numerator: 'Care leavers in touch at their birthday',
    denominator: 'Care leavers whose 17th to 21st birthday fell in the period',
    kind: 'percentage',
    when: 'period',
    citation: 'Q116 (Wandsworth over 90%, Southend all but one of 92); SSDA903 OC3 IN_TOUCH; seed CL-01',
    direction: 'higher',
    lookBackMonths: 0,
    events: ['care-leaver.birthday'],
    details: ['birthdays'],
    count: atBirthdays('17-21', (d) => ({ met: d.inTouch === 'YES', fact: d.inTouch === 'YES' ? 'In touch' : `Not in touch (${d.inTouch})` })),
  },
  {
    id: 'care-leavers-staying-put',
    group: 'Care leavers',
    name: 'Care leavers living with their former foster carers',
    definition: 'Of the care leavers whose 18th to 21st birthday fell in the period, those living with their former foster carers at it (staying put).',
    numerator: 'Care leavers living with former foster carers at their birthday',
    denominator: 'Care leavers whose 18th to 21st birthday fell in the period',
    kind: 'percentage',
    when: 'period',
    citation: 'Q124 (Southend 34% with former foster carers); seed CL-07; SSDA903 OC3 ACCOM Z',
    direction: 'neither',
    lookBackMonths: 0,
    events: ['care-leaver.birthday'],
    details: ['birthdays'],
    count: atBirthdays('18-21', (d) => ({ met: d.accommodation.startsWith(WITH_FORMER_FOSTER_CARERS), fact: d.accommodation.startsWith(WITH_FORMER_FOSTER_CARERS) ? 'With former foster carers' : `Accommodation ${d.accommodation}` })),
  },
  {
    id: 'care-leavers-supported',
    group: 'Care leavers',
    name: 'Young people with a pathway plan',
    definition: 'Young people with a pathway plan open on the day (eligible, relevant and former relevant young people the council supports).',
    numerator: 'Pathway plans open on the day',
    denominator: null,
    kind: 'count',
    when: 'as-at',
    citation: 'Q129 (Southend 92); seed CL-02',
    direction: 'neither',
    events: ['pathway-plan.started', 'pathway-plan.ended'],
    count: (f, p) =>
      planSpans(f, 'pathway-plan.started', 'pathway-plan.ended')
        .filter((s) => openOn(s, p.to))
        .map((s) => ({ childId: s.childId, on: s.start, facts: [`Pathway plan since ${s.start}`], met: true })),
  },
  onTime({
    id: 'pathway-plans-on-time',
    group: 'Care leavers',
    name: 'Pathway plans within 3 months of eligibility',
    definition: 'Pathway plans started within 3 months of the young person becoming eligible for leaving-care support (“by 16 years 3 months”).',
    what: 'Pathway plans',
    citation: 'CPPCR 2010 regs 42-43 (timescales.md CL2, CL3); seed CL-02',
    clockRule: 'pathway-plan',
  }),
  onTime({
    id: 'pathway-plan-reviews-on-time',
    group: 'Care leavers',
    name: 'Pathway plans reviewed within 6 months',
    definition: 'Pathway plans reviewed within 6 months of the last review (or of the plan), a looked-after review counting while the young person is in care.',
    what: 'Pathway plan reviews',
    citation: 'Q126 (Wandsworth 67% → 90% up to date); seed CL-04; Care Leavers (England) Regulations 2010 (timescales.md CL4)',
    clockRule: 'pathway-plan-review',
  }),
  onTime({
    id: 'personal-adviser-visits-on-time',
    group: 'Care leavers',
    name: 'Personal adviser visits on time',
    definition: 'Visits by the personal adviser within 7 days of a move into new accommodation and at least every 2 months (or the council’s shorter interval).',
    what: 'Personal adviser visits',
    citation: 'Q116; seed CL-01; Care Leavers (England) Regulations 2010 (timescales.md CL5)',
    clockRule: 'personal-adviser-visit',
  }),
];
