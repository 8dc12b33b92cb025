// The export in words a person can read (UK GDPR Article 12: "intelligible form"): each table under a
// title, each column under a label, codes as their labels, staff and people by name, dates as dates.
// A table or column added later and not named here still appears, under a name made from its own.
import { ALLOCATION_ROLES } from '../people/allocation-roles.ts';
import { RELATIONSHIP_KINDS, relationshipLabel } from '../people/relationship-kinds.ts';
import { CATEGORY_OF_ABUSE, CIN_CLOSURE_REASON, DISABILITY, ETHNICITY, PRIMARY_NEED, REFERRAL_SOURCE, SEX, STRATEGY_DISCUSSION_AGENCY } from '../codes/index.ts';
import { CATEGORIES, EVENT_TYPES, isEventType } from '../chronology/event-types.ts';
import { ENTRY_KINDS, SIGNIFICANCES } from '../chronology/schemas.ts';
import { PLAN_NAMES } from '../plans/lifecycle.ts';
import { ruleById } from '../clocks/rules.ts';
import { CASE_NOTE_SIGNIFICANCE, SEEN_ALONE, VISIT_KIND } from '../visits/codes.ts';
import { DECISION_KIND, OVERSIGHT_KIND, RECORD_PARTS } from '../oversight/codes.ts';
import { CHECK_AGENCY, CONSENT, CONTACT_OUTCOME, FEEDBACK_METHOD, RISK_INDICATOR, SECOND_LOOK_CONCLUSION } from '../front-door/codes.ts';
import { ASSESSMENT_OUTCOME, FATHER_INVOLVED, YES_NO } from '../assessment/codes.ts';
import { ENQUIRY_OUTCOME, FAMILY_ATTENDANCE, INITIAL_CONFERENCE_DECISION, REVIEW_CONFERENCE_DECISION, RISK_REDUCING, STRATEGY_OUTCOME } from '../protection/codes.ts';
import { ACTION_STATUS } from '../plans/codes.ts';
import { CASE_AUDIT_CODE_LABELS } from '../case-audits/codes.ts';
import { FACT_CODES, FACTS } from '../case-audits/facts.ts';
import { APPLICATION_TYPE, HEARING_TYPE, LEGAL_PLANNING_DECISION, ORDER_TYPE, PRE_PROCEEDINGS_MEETING_KIND, PRE_PROCEEDINGS_OUTCOME } from '../proceedings/codes.ts';
import { EARLY_HELP_END_REASON, EARLY_HELP_ORIGIN, LEAD_AGENCY } from '../early-help/codes.ts';
import { formatDate, formatDateTime } from '../server/format.ts';
import { columnsPointingAt, type Row, type SubjectAccessData } from './service.ts';

type Labelled = readonly { code: string; label: string }[];

/** What each table is, in a worker's (and the person's) words. */
const TABLE_TITLES: Record<string, string> = {
  person: 'Details on the record',
  person_disability: 'Disabilities',
  person_link: 'Records checked as possible duplicates, or merged',
  relationship: 'People in their life',
  address: 'Addresses',
  allocation: 'Workers allocated',
  access_grant: 'Access given to named staff',
  child_event: 'Chronology',
  chronology_entry: 'Entries typed into the chronology',
  clock: 'Timescales',
  contact: 'Contacts with the front door',
  agency_check: 'Checks with other agencies',
  contact_decision: 'Decisions on contacts',
  contact_second_look: 'Second looks at contact decisions',
  referrer_feedback: 'Referrers told the outcome',
  cin_episode: 'Episodes of need (referrals)',
  assessment: 'Assessments',
  strategy_discussion: 'Strategy discussions',
  s47_enquiry: 'Section 47 enquiries',
  child_protection_conference: 'Child protection conferences',
  core_group_meeting: 'Core group meetings',
  plan: 'Plans',
  plan_outcome: 'Outcomes in plans',
  plan_action: 'Actions in plans',
  case_action: 'Actions from management oversight, supervision and audits',
  supervision_discussion: 'Discussions of the child in their social worker’s supervision',
  management_oversight: 'Management oversight, challenges and escalations',
  management_decision: 'Management decisions',
  allocation_approval: 'Managers’ approvals of work given to newly qualified social workers',
  case_transfer: 'Transfers between teams',
  case_audit: 'Case audits', case_audit_answer: 'Case audit grades', case_audit_moderation: 'Case audit moderation',
  plan_version: 'Versions of plans',
  written_agreement: 'Written agreements',
  written_agreement_term: 'Terms of written agreements',
  cin_meeting: 'Child in need meetings',
  visit: 'Visits',
  case_note: 'Case notes',
  early_help_episode: 'Early help',
  early_help_assessment: 'Early help assessments',
  early_help_meeting: 'Team around the family meetings',
  early_help_handover: 'Handovers between early help and social care',
  legal_planning_meeting: 'Legal planning meetings',
  pre_proceedings: 'Pre-proceedings',
  pre_proceedings_meeting: 'Pre-proceedings meetings',
  care_proceedings: 'Care proceedings',
  court_hearing: 'Court hearings',
  court_order: 'Court orders',
  care_period: 'Periods in care',
  placement: 'Placements while in care',
  legal_status: 'Legal status while in care',
  looked_after_review: 'Reviews while in care',
  care_plan_acknowledgement: 'Changes to the care plan read by the independent reviewing officer',
  liberty_order: 'Orders depriving them of their liberty',
  liberty_review: 'Reviews of those orders',
  missing_episode: 'Times they went missing or were away',
  return_interview: 'Return home interviews',
  pathway_plan_review: 'Reviews of the pathway plan',
  care_leaver_contact: 'Contact after leaving care',
  care_leaver_accommodation: 'Where they lived after leaving care',
  care_leaver_birthday: 'Checks at each birthday from 17 to 21',
  care_leaver_support: 'Leaving care support given',
  iro_challenge: 'Challenges raised by the independent reviewing officer',
  iro_challenge_stage: 'Stages of those challenges',
  health_assessment: 'Health assessments',
  health_check: 'Health checks: dental, immunisations, strengths and difficulties scores, development checks and substance misuse',
  offending_outcome: 'Convictions, final warnings and reprimands',
  private_fostering: 'Private fostering',
  private_fostering_visit: 'Private fostering visits',
};

const COLUMN_LABELS: Record<string, string> = {
  la_child_id: 'LA child ID',
  nhs_number: 'NHS number',
  upn: 'UPN',
  former_upn: 'Former UPN',
  unaccompanied_asylum_seeker: 'Unaccompanied asylum-seeking child',
  line1: 'Address line 1',
  line2: 'Address line 2',
  recorded_at: 'Recorded',
  recorded_by: 'Recorded by',
  updated_at: 'Last changed',
  updated_by: 'Last changed by',
  deleted_at: 'Deleted',
  deleted_by: 'Deleted by',
  deleted_reason: 'Why it was deleted',
  rule_id: 'What is due',
  kind: 'Kind',
  cin_episode_id: 'Episode of need',
  early_help_episode_id: 'Early help episode',
  referral_nfa: 'Referral closed with no further action',
  s47: 'Section 47',
};

/** Code lists by column, for every table (`column`) or one table (`table.column`). */
const CODE_LISTS: Record<string, Labelled> = {
  sex: SEX,
  ethnicity: ETHNICITY,
  category_of_abuse: CATEGORY_OF_ABUSE,
  primary_need: PRIMARY_NEED,
  referral_source: REFERRAL_SOURCE,
  closure_reason: CIN_CLOSURE_REASON,
  risk_indicators: RISK_INDICATOR,
  'person_disability.code': DISABILITY,
  'allocation.role': [...ALLOCATION_ROLES, { code: 'front_door', label: 'Front door worker deciding on a contact' }],
  'relationship.kind': RELATIONSHIP_KINDS,
  'chronology_entry.kind': ENTRY_KINDS,
  'visit.kind': VISIT_KIND,
  'visit.seen_alone': SEEN_ALONE,
  'case_note.significance': CASE_NOTE_SIGNIFICANCE,
  ...CASE_AUDIT_CODE_LABELS,
  'contact.source': REFERRAL_SOURCE,
  'contact.consent': CONSENT,
  'agency_check.agency': CHECK_AGENCY,
  'contact_decision.outcome': CONTACT_OUTCOME,
  'contact_second_look.conclusion': SECOND_LOOK_CONCLUSION,
  'contact_second_look.new_outcome': CONTACT_OUTCOME,
  'referrer_feedback.method': FEEDBACK_METHOD,
  'assessment.outcome': ASSESSMENT_OUTCOME,
  'assessment.father_involved': FATHER_INVOLVED,
  'assessment.child_seen_alone': YES_NO,
  'strategy_discussion.outcome': STRATEGY_OUTCOME,
  's47_enquiry.outcome': ENQUIRY_OUTCOME,
  family_attended: FAMILY_ATTENDANCE,
  agency: STRATEGY_DISCUSSION_AGENCY,
  'child_protection_conference.kind': [
    { code: 'initial', label: 'Initial conference' },
    { code: 'review', label: 'Review conference' },
  ],
  'child_protection_conference.decision': [...INITIAL_CONFERENCE_DECISION, ...REVIEW_CONFERENCE_DECISION],
  'core_group_meeting.risk_reducing': RISK_REDUCING,
  'early_help_handover.direction': [
    { code: 'STEP_UP', label: 'Stepped up from early help to children’s social care' },
    { code: 'STEP_DOWN', label: 'Stepped down from children’s social care to early help' },
  ],
  'plan_action.status': ACTION_STATUS,
  'case_action.status': ACTION_STATUS,
  'management_oversight.kind': OVERSIGHT_KIND,
  'management_oversight.parts_read': RECORD_PARTS,
  // Why a manager approved the allocation of a newly qualified worker (src/workforce/allocation-guard.ts).
  'allocation_approval.needed_for': [
    { code: 'complex_work', label: 'Complex work for a newly qualified worker' },
    { code: 'protected_caseload', label: 'More than a newly qualified worker’s protected caseload' },
    { code: 'both', label: 'Complex work, and more than a newly qualified worker’s protected caseload' },
  ],
  'case_audit_answer.fact': FACT_CODES.map((code) => ({ code, label: FACTS[code] })),
  'management_decision.kind': DECISION_KIND,
  'legal_planning_meeting.decision': LEGAL_PLANNING_DECISION,
  'pre_proceedings_meeting.kind': PRE_PROCEEDINGS_MEETING_KIND,
  'pre_proceedings.outcome': PRE_PROCEEDINGS_OUTCOME,
  'care_proceedings.application_type': APPLICATION_TYPE,
  'court_hearing.hearing_type': HEARING_TYPE,
  'court_order.order_type': ORDER_TYPE,
  'early_help_episode.origin': EARLY_HELP_ORIGIN,
  'early_help_episode.lead_agency': LEAD_AGENCY,
  'early_help_episode.end_reason': EARLY_HELP_END_REASON,
  'child_event.category': Object.entries(CATEGORIES).map(([code, label]) => ({ code, label })),
  significance: SIGNIFICANCES,
  'person.kind': [
    { code: 'child', label: 'Born' },
    { code: 'unborn', label: 'Unborn' },
    { code: 'adult', label: 'Adult' },
  ],
  'plan.kind': Object.entries(PLAN_NAMES).map(([code, name]) => ({ code, label: name.charAt(0).toUpperCase() + name.slice(1) })),
};

/** Columns that only join records together inside Lantern: left out of the page (kept in the JSON). */
const PLUMBING = new Set(['id', 'version', 'source_table', 'source_id', 'scope_id', 'start_event_id', 'met_event_id', 'position', 'domain_key', 'question_key']);

const AUDIT_ACTIONS: Record<string, string> = {
  'view-child': 'Opened',
  'view-chronology': 'Opened the chronology',
  'print-chronology': 'Printed the chronology',
  create: 'Recorded',
  update: 'Changed',
  delete: 'Deleted',
  merge: 'Merged records',
  export: 'Exported everything held (subject access)',
  denied: 'Was refused access',
  'grant-access': 'Was given access',
};

const CHANGES: Record<string, string> = { update: 'Corrected or changed', delete: 'Deleted', merge: 'Moved when records were merged' };

export const humanise = (name: string) => {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
export const tableTitle = (table: string) => TABLE_TITLES[table] ?? humanise(table);
const columnLabel = (column: string) => COLUMN_LABELS[column] ?? humanise(column.replace(/_id$/, ''));
const reference = (id: string) => `Ref ${id.slice(0, 8).toUpperCase()}`;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Context {
  personIds: Set<string>;
  staffColumns: Map<string, Set<string>>;
  personColumns: Map<string, Set<string>>;
  /** Columns, by table, pointing at another record in the export (shown as its reference). */
  recordColumns: Map<string, Set<string>>;
  staff: Map<string, string>;
  people: Map<string, string>;
}

function codeLabel(table: string, column: string, code: string): string {
  const list = CODE_LISTS[`${table}.${column}`] ?? CODE_LISTS[column];
  if (column === 'rule_id') return ruleById(code)?.title ?? code;
  if (table === 'child_event' && column === 'type') return isEventType(code) ? EVENT_TYPES[code].label : code;
  return list?.find((entry) => entry.code === code)?.label ?? code;
}

/** One item of a list held in a column: a code, or an attendee (an agency and who came from it). */
function itemText(table: string, column: string, item: unknown): string {
  if (typeof item === 'string') return codeLabel(table, column, item);
  if (item && typeof item === 'object' && 'agency' in item) {
    const { agency, names } = item as { agency: unknown; names?: unknown };
    const label = codeLabel(table, 'agency', String(agency));
    return names ? `${label}: ${String(names)}` : label;
  }
  return JSON.stringify(item);
}

function valueText(table: string, column: string, value: unknown, ctx: Context): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.length ? value.map((v) => itemText(table, column, v)).join('; ') : null;
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  if (ctx.staffColumns.get(table)?.has(column)) return ctx.staff.get(text) ?? 'A member of staff';
  if (ctx.personColumns.get(table)?.has(column)) return ctx.personIds.has(text) ? 'This record' : (ctx.people.get(text) ?? reference(text));
  if (ctx.recordColumns.get(table)?.has(column)) return reference(text);
  // An id with no foreign key to say what it names (a link kept by a column alone): its reference.
  if (UUID.test(text)) return reference(text);
  if (ISO_DATE.test(text)) return formatDate(text);
  if (ISO_TIME.test(text)) return formatDateTime(text);
  return codeLabel(table, column, text);
}

/** The date a row is about, for ordering and its heading: the first date column, else when it was recorded. */
function dateOf(row: Row): string {
  const key = Object.keys(row).find((k) => k.endsWith('_on') || k.endsWith('_date') || k === 'date_of_birth');
  return String((key && row[key]) || row['recorded_at'] || row['granted_at'] || row['decided_at'] || '');
}

export interface ShownRow {
  heading: string;
  deleted: boolean;
  rows: { key: { text: string }; value: { text: string } }[];
}

export interface ShownTable {
  table: string;
  title: string;
  count: number;
  rows: ShownRow[];
}

function showRow(table: string, row: Row, ctx: Context): ShownRow {
  const fields = Object.entries(row)
    .filter(([column]) => !PLUMBING.has(column))
    .map(([column, value]) => ({ column, text: valueText(table, column, value, ctx) }))
    .filter((f): f is { column: string; text: string } => f.text !== null)
    // The person themselves needs no line saying the row is theirs.
    .filter((f) => f.text !== 'This record' || table === 'relationship');
  const date = dateOf(row);
  const id = typeof row['id'] === 'string' ? row['id'] : null;
  return {
    heading: [date ? valueText(table, 'date', date, ctx) : null, id ? reference(id) : null].filter(Boolean).join(', '),
    deleted: Boolean(row['deleted_at']),
    rows: fields.map((f) => ({ key: { text: columnLabel(f.column) }, value: { text: f.text } })),
  };
}

/** The order of the page: the record's details first, then everything else by title. */
const FIRST = ['person', 'person_disability', 'relationship', 'address', 'allocation'];

export function presentExport(data: SubjectAccessData) {
  const keys = data.held.foreignKeys;
  const heldTables = new Set(data.held.tables.keys());
  const recordColumns = new Map<string, Set<string>>();
  for (const fk of keys) {
    if (fk.refTable === 'person' || !heldTables.has(fk.refTable)) continue;
    const set = recordColumns.get(fk.table) ?? new Set<string>();
    set.add(fk.column);
    recordColumns.set(fk.table, set);
  }
  const personRows = data.held.tables.get('person') ?? [];
  const ctx: Context = {
    personIds: new Set(personRows.map((p) => String(p['id']))),
    staffColumns: data.staffColumns,
    personColumns: columnsPointingAt(keys, 'person'),
    recordColumns,
    staff: data.staff,
    people: data.people,
  };
  const order = (table: string) => (FIRST.includes(table) ? FIRST.indexOf(table) : FIRST.length);
  const tables: ShownTable[] = [...data.held.tables]
    .filter(([table]) => table !== 'child_event')
    .sort(([a], [b]) => order(a) - order(b) || tableTitle(a).localeCompare(tableTitle(b)))
    .map(([table, rows]) => ({
      table,
      title: tableTitle(table),
      count: rows.length,
      rows: [...rows].sort((a, b) => dateOf(a).localeCompare(dateOf(b))).map((row) => showRow(table, row, ctx)),
    }));
  // Relationships read from the person's side: "Mother", or "Child" when recorded from the other's record.
  const relationships = (data.held.tables.get('relationship') ?? []).map((r) => ({
    name: ctx.people.get(String(ctx.personIds.has(String(r['person_id'])) ? r['related_person_id'] : r['person_id'])) ?? 'Not known',
    kind: relationshipLabel(String(r['kind']), !ctx.personIds.has(String(r['person_id']))),
  }));
  const chronology = [...(data.held.tables.get('child_event') ?? [])]
    .sort((a, b) => String(a['occurred_on']).localeCompare(String(b['occurred_on'])))
    .map((e) => ({
      occurredOn: String(e['occurred_on']),
      category: codeLabel('child_event', 'category', String(e['category'])),
      title: String(e['title']),
      detail: e['detail'] ? String(e['detail']) : null,
      recordedBy: ctx.staff.get(String(e['recorded_by'])) ?? 'A member of staff',
      recordedAt: String(e['recorded_at']),
      deleted: Boolean(e['deleted_at']),
    }));
  const audit = data.audit.map((a) => ({
    at: a.at,
    who: a.display_name ?? a.username ?? 'Unknown',
    what: `${AUDIT_ACTIONS[a.action] ?? humanise(a.action)}${a.object_type ? `: ${a.object_type.replace(/[-_]/g, ' ')}` : ''}`,
  }));
  const earlierVersions = data.earlierVersions.map((v) => ({
    what: tableTitle(v.table_name),
    ref: reference(v.record_id),
    change: CHANGES[v.change] ?? humanise(v.change),
    at: v.changed_at,
    by: data.staff.get(v.changed_by) ?? 'A member of staff',
    reason: v.reason,
  }));
  const documentTables = [...heldTables].filter((t) => /document|attachment|file/.test(t));
  return { tables, relationships, chronology, audit, earlierVersions, documentTables };
}

export type PresentedExport = ReturnType<typeof presentExport>;
