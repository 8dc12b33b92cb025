// Ofsted ILACS Annex A: the eleven lists and their columns, exactly as
// /work/shared/specs/annex-a-columns.yml names them and in its order (columns.test.ts reads the yml
// back). A column's kind decides how the workbook writes it: a date as a real Excel date, a count
// as a number, anything else as text.
export type ColumnKind = 'text' | 'date' | 'integer';
export interface AnnexAColumn { readonly header: string; readonly kind: ColumnKind }

const text = (header: string): AnnexAColumn => ({ header, kind: 'text' });
const date = (header: string): AnnexAColumn => ({ header, kind: 'date' });
const count = (header: string): AnnexAColumn => ({ header, kind: 'integer' });

const ID = text('Child Unique ID');
const GENDER = text('Gender');
const ETHNICITY = text('Ethnicity');
const DOB = date('Date of Birth');
const AGE = count('Age of Child (Years)');
const COMMON = [ID, GENDER, ETHNICITY, DOB, AGE] as const;
const DISABILITY = text('Does the Child have a Disability');
const TEAM = text('Allocated Team');
const WORKER = text('Allocated Worker');

export type ListNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11;
export interface AnnexAList {
  readonly n: ListNumber;
  /** The sheet's name, as the yml names the list. */
  readonly sheet: string;
  /** What the list is, in a worker's words. */
  readonly title: string;
  /** Who is in it, for the page. */
  readonly who: string;
  readonly columns: readonly AnnexAColumn[];
}

export const ANNEX_A_LISTS: readonly AnnexAList[] = [
  { n: 1, sheet: 'List 1', title: 'Contacts', who: 'Every contact about a child received in the period.', columns: [...COMMON, date('Date of Contact'), text('Contact Source')] },
  {
    n: 2, sheet: 'List 2', title: 'Early help assessments', who: 'Every early help assessment going on at any time in the period.',
    columns: [...COMMON, date('Assessment start date'), date('Assessment completion date'), text('Organisation completing assessment')],
  },
  {
    n: 3, sheet: 'List 3', title: 'Referrals', who: 'Every referral to children’s social care received in the period.',
    columns: [...COMMON, date('Date of referral'), text('Referral Source'), text('Referral NFA?'), count('Number of Referrals in Last 12 Months'), TEAM, WORKER],
  },
  {
    n: 4, sheet: 'List 4', title: 'Assessments', who: 'Every children and families assessment going on at any time in the period.',
    columns: [...COMMON, DISABILITY, date('Continuous Assessment Start Date'), text('Child Seen During Continuous Assessment'), date('Continuous Assessment Date of Authorisation'), text('Was the child assessed as requiring LA children\'s social care support?'), TEAM, WORKER],
  },
  {
    n: 5, sheet: 'List 5', title: 'Section 47 enquiries and initial conferences', who: 'Every section 47 enquiry going on at any time in the period.',
    columns: [
      ...COMMON, DISABILITY, date('Strategy discussion initiating Section 47 Enquiry Start Date'), text('Was an Initial Child Protection Conference deemed unnecessary?'),
      date('Date of Initial Child Protection Conference'), text('Did the Initial Child Protection Conference Result in a Child Protection Plan'),
      count('Number of Section 47 Enquiries in the last 12 months'), count('Number of ICPCs in the last 12 months'), TEAM, WORKER,
    ],
  },
  {
    n: 6, sheet: 'List 6', title: 'Children in need', who: 'Every episode of need (a referral that went on to further action) open at any time in the period, including children on a plan or in care.',
    columns: [...COMMON, DISABILITY, date('CIN Start Date'), text('Primary Need Code'), date('Date Child Was Last Seen'), date('CIN Closure Date'), text('Reason for Closure'), text('Case Status'), TEAM, WORKER],
  },
  {
    n: 7, sheet: 'List 7', title: 'Child protection', who: 'Every child protection plan in force at any time in the period.',
    columns: [
      ...COMMON, DISABILITY, date('Child Protection Plan Start Date'), text('Initial Category of Abuse'), text('Latest Category of Abuse'), date('Date of the Last Statutory Visit'),
      text('Was the Child Seen Alone?'), date('Date of latest review conference'), date('Child Protection Plan End Date'),
      text('Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)'), count('Number of Previous Child Protection Plans'), TEAM, WORKER,
    ],
  },
  {
    n: 8, sheet: 'List 8', title: 'Children in care', who: 'Every period of care going on at any time in the period.',
    columns: [
      ...COMMON, text('Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)'), DISABILITY, date('Date Started to be Looked After'), text('Child\'s Category of Need'),
      text('Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)'), date('Start date of current legal status'), text('Child\'s Legal Status'),
      date('Date of Latest Statutory Review'), date('Date of Last Social Work Visit'), text('What is the permanence plan for this child?'), date('Date of Last IRO Visit / Contact to the Child'),
      date('Date of Last Health Assessment'), date('Date of Last Dental Check'), count('Number of Placements in the Last 12 months'), date('Date Ceased to be Looked After'),
      text('Reason Ceased to be Looked After'), date('Start Date of Most Recent Placement'), text('Placement Type'), text('Placement Provider'), text('Placement postcode'), text('URN of Placement'),
      text('Placement Location'), text('LA of Placement'), count('Number of Episodes the Child has been \'Missing\' from their Placement in the last 12 months'),
      count('Number of Episodes the Child has been \'Absent\' from their Placement in the last 12 months'), text('Was the child offered a Return Interview after their last missing episode (Y/N)?'),
      text('Did the child accept a Return Interview after their last missing episode (Y/N)?'), TEAM, WORKER,
    ],
  },
  {
    n: 9, sheet: 'List 9', title: 'Care leavers', who: 'Every young person who was a relevant, former relevant or qualifying care leaver at the end of the period.',
    columns: [...COMMON, DISABILITY, TEAM, WORKER, text('Eligibility Category'), text('LA in Touch'), text('Type of Accommodation'), text('Suitability of Accommodation'), text('Activity Status')],
  },
  {
    n: 10, sheet: 'List 10', title: 'Adoption', who: 'Every child whose plan was adoption at any time in the period.',
    columns: [
      ID, text('Family identifier'), GENDER, ETHNICITY, DOB, AGE, DISABILITY, date('Date the Child Entered Care'), date('Date of Decision that Child Should be Placed for Adoption'),
      date('Date of Placement Order'), date('Date of Matching Child and Prospective Adopters'), date('Date Placed for Adoption'), date('Date of Adoption Order'),
      date('Date of Decision that Child Should No Longer be Placed for Adoption'), text('Reason Why Child No Longer Placed for Adoption'),
      date('Date the child was placed for fostering in FFA or concurrent planning placement'),
    ],
  },
  {
    n: 11, sheet: 'List 11', title: 'Adopters', who: 'Every prospective adopter household in the adoption process at any time in the period (from enquiry to leaving it).',
    columns: [
      text('Individual adopter identifier'), text('Family identifier'), GENDER, ETHNICITY, text('Disability'), text('Is the (prospective) adopter fostering for adoption?'),
      date('Date enquiry received'), date('Date Stage 1 started'), date('Date Stage 1 ended'), date('Date Stage 2 started'), date('Date Stage 2 ended'),
      date('Date application submitted'), date('Date application approved'), date('Date adopter matched with child(ren)'), date('Date child/children placed with adopter(s)'),
      count('No. of children placed'), date('Date of Adoption Order'), date('Date of leaving adoption process'), text('Reason for leaving adoption process'),
    ],
  },
];

export const listOf = (n: number): AnnexAList | undefined => ANNEX_A_LISTS.find((l) => l.n === n);
