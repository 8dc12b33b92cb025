// Education pages and API for every child (PEPs for children in care), declared with the child page
// pattern, and the virtual school's list (./virtual-school-routes.ts). HTTP only.
import type { RegisterRoutes } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { childApi, childDelete, childForm, childNewRecord, childPage } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { stepApi } from '../server/step-api.ts';
import { optionItems, radioItems } from '../server/form-items.ts';
import { formatDate } from '../server/format.ts';
import { ChildParams } from '../plans/fields.ts';
import { schoolYearLabel, schoolYearOf, TERM_LABELS, TERM_NAMES } from '../calendar/school-terms.ts';
import { EXCLUSION_KINDS, MOVE_REASONS } from './codes.ts';
import { educationOf } from './education.ts';
import { AttendanceInput, ExclusionInput, PepCorrection, PepInput, PepParams, RecordParams, SchoolInput, TargetInput, TargetOutcome, TargetParams } from './schemas.ts';
import {
  addPepTarget,
  correctPep,
  deleteEducationRecord,
  recordAttendance,
  recordExclusion,
  recordOfChild,
  recordPep,
  recordSchool,
  reviewPepTarget,
  targetOfPep,
} from './service.ts';
import { virtualSchoolRoutes } from './virtual-school-routes.ts';
import './record-section.ts';

const YES_NO = [
  { code: 'yes', label: 'Yes, met' },
  { code: 'no', label: 'No, not met' },
] as const;
const TERMS = TERM_NAMES.map((t) => ({ code: t, label: `${TERM_LABELS[t]} term` }));
const tag = 'Education';
const PEP = { pepId: 'pep' } as const;
const TARGET = { pepId: 'pep', targetId: 'pep_target' } as const;

export const educationRoutes: RegisterRoutes = (app, ctx) => {
  const home = (childId: string) => `/children/${childId}/education`;
  const base = '/children/:childId/education';

  childPage(app, ctx, {
    path: base,
    audit: 'education',
    template: 'education/views/education.njk',
    load: async ({ child, today }) => ({ title: 'Education', ...(await educationOf(ctx.db, child.id, today)) }),
  });

  // --- The school -----------------------------------------------------------------------------
  childNewRecord(app, ctx, {
    path: `${base}/schools/new`,
    audit: 'school',
    template: 'education/views/school.njk',
    schema: SchoolInput,
    dates: ['startedOn'],
    load: ({ child }) => ctx.db.selectFrom('school_enrolment').select(['school_name', 'started_on']).where('child_id', '=', child.id).where('deleted_at', 'is', null).orderBy('started_on', 'desc').executeTakeFirst(),
    initial: (_latest, { today }) => ({ startedOn: today }),
    view: (latest, values) => ({ title: latest ? 'Record a move to another school' : 'Record the child’s school', latest: latest ?? null, reasonItems: radioItems(MOVE_REASONS, values['moveReason']) }),
    record: recordSchool,
    next: home,
  });
  childDelete(app, ctx, {
    path: `${base}/schools/:recordId/delete`,
    records: { recordId: 'school_enrolment' },
    audit: 'school',
    title: 'Delete this school',
    load: async ({ child, params }) => {
      const s = await recordOfChild(ctx.db, 'school_enrolment', child.id, params['recordId']!);
      return { backHref: home(child.id), rows: [{ key: { text: 'School' }, value: { text: `${s.school_name}, from ${formatDate(s.started_on)}` } }] };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteEducationRecord(ctx.db, user, child.id, 'school_enrolment', params['recordId']!, reason);
      return { next: home(child.id), audit: { action: 'delete', objectType: 'school', objectId: params['recordId']! } };
    },
  });

  // --- Attendance -----------------------------------------------------------------------------
  const schoolYears = (today: string) => {
    const year = schoolYearOf(today);
    return [year, year - 1, year - 2].map((y) => ({ value: String(y), text: schoolYearLabel(y) }));
  };
  childNewRecord(app, ctx, {
    path: `${base}/attendance/new`,
    audit: 'school-attendance',
    template: 'education/views/attendance.njk',
    schema: AttendanceInput,
    load: async () => null,
    initial: (_d, { today }) => ({ schoolYear: String(schoolYearOf(today)) }),
    view: (_d, values, { today }) => ({ title: 'Record attendance for a term', yearItems: optionItems(schoolYears(today), values['schoolYear']), termItems: radioItems(TERMS, values['term']) }),
    record: recordAttendance,
    next: home,
  });
  childDelete(app, ctx, {
    path: `${base}/attendance/:recordId/delete`,
    records: { recordId: 'school_attendance' },
    audit: 'school-attendance',
    title: 'Delete this attendance record',
    load: async ({ child, params }) => {
      const a = await recordOfChild(ctx.db, 'school_attendance', child.id, params['recordId']!);
      return { backHref: home(child.id), rows: [{ key: { text: 'Term' }, value: { text: `${TERM_LABELS[a.term]} ${schoolYearLabel(a.school_year)}: ${a.sessions_attended} of ${a.sessions_possible} sessions` } }] };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteEducationRecord(ctx.db, user, child.id, 'school_attendance', params['recordId']!, reason);
      return { next: home(child.id), audit: { action: 'delete', objectType: 'school-attendance', objectId: params['recordId']! } };
    },
  });

  // --- Exclusions -----------------------------------------------------------------------------
  childNewRecord(app, ctx, {
    path: `${base}/exclusions/new`,
    audit: 'school-exclusion',
    template: 'education/views/exclusion.njk',
    schema: ExclusionInput,
    dates: ['startsOn'],
    load: async () => null,
    initial: (_d, { today }) => ({ startsOn: today }),
    view: (_d, values) => ({ title: 'Record a suspension or permanent exclusion', kindItems: radioItems(EXCLUSION_KINDS, values['kind']) }),
    record: recordExclusion,
    next: home,
  });
  childDelete(app, ctx, {
    path: `${base}/exclusions/:recordId/delete`,
    records: { recordId: 'school_exclusion' },
    audit: 'school-exclusion',
    title: 'Delete this exclusion',
    load: async ({ child, params }) => {
      const e = await recordOfChild(ctx.db, 'school_exclusion', child.id, params['recordId']!);
      return { backHref: home(child.id), rows: [{ key: { text: 'Exclusion' }, value: { text: `${e.kind === 'suspension' ? `Suspension, ${Number(e.days)} days` : 'Permanent exclusion'} from ${e.school_name}, ${formatDate(e.starts_on)}` } }] };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteEducationRecord(ctx.db, user, child.id, 'school_exclusion', params['recordId']!, reason);
      return { next: home(child.id), audit: { action: 'delete', objectType: 'school-exclusion', objectId: params['recordId']! } };
    },
  });

  // --- Personal education plans ---------------------------------------------------------------
  childNewRecord(app, ctx, {
    path: `${base}/peps/new`,
    audit: 'pep',
    template: 'education/views/pep.njk',
    schema: PepInput,
    dates: ['heldOn', 'targetBy'],
    load: async () => null,
    initial: (_d, { today }) => ({ heldOn: today }),
    view: () => ({ title: 'Record a personal education plan (PEP) meeting', correcting: false }),
    record: recordPep,
    next: home,
  });
  childForm(app, ctx, {
    path: `${base}/peps/:pepId/change`,
    records: PEP,
    audit: 'pep',
    template: 'education/views/pep.njk',
    schema: PepCorrection,
    dates: ['heldOn'],
    load: ({ child, params }) => recordOfChild(ctx.db, 'pep', child.id, params['pepId']!),
    initial: (p) => ({ heldOn: p.held_on, attendedBy: p.attended_by, childViews: p.child_views, summary: p.summary, version: p.version }),
    view: (p) => ({ title: `Correct the PEP of ${formatDate(p.held_on)}`, correcting: true }),
    save: async (input, { user, child, params, today }) => {
      await correctPep(ctx.db, user, child.id, params['pepId']!, input, today);
      return { next: home(child.id), audit: { action: 'update', objectType: 'pep', objectId: params['pepId']! } };
    },
  });
  childDelete(app, ctx, {
    path: `${base}/peps/:pepId/delete`,
    records: PEP,
    audit: 'pep',
    title: 'Delete this PEP and its targets',
    load: async ({ child, params }) => {
      const p = await recordOfChild(ctx.db, 'pep', child.id, params['pepId']!);
      return { backHref: home(child.id), rows: [{ key: { text: 'PEP' }, value: { text: `${formatDate(p.held_on)} with ${p.attended_by}` } }] };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteEducationRecord(ctx.db, user, child.id, 'pep', params['pepId']!, reason);
      return { next: home(child.id), audit: { action: 'delete', objectType: 'pep', objectId: params['pepId']! } };
    },
  });
  childForm(app, ctx, {
    path: `${base}/peps/:pepId/targets/new`,
    records: PEP,
    audit: 'pep-target',
    template: 'education/views/target.njk',
    schema: TargetInput,
    dates: ['byWhen'],
    load: ({ child, params }) => recordOfChild(ctx.db, 'pep', child.id, params['pepId']!),
    view: (pep) => ({ title: 'Add a PEP target', pep }),
    save: async (input, { user, child, params }) => {
      const id = await addPepTarget(ctx.db, user, child.id, params['pepId']!, input);
      return { next: home(child.id), audit: { action: 'create', objectType: 'pep-target', objectId: id } };
    },
  });
  childForm(app, ctx, {
    path: `${base}/peps/:pepId/targets/:targetId/outcome`,
    records: TARGET,
    audit: 'pep-target',
    template: 'education/views/target-outcome.njk',
    schema: TargetOutcome,
    dates: ['reviewedOn'],
    load: ({ child, params }) => targetOfPep(ctx.db, child.id, params['pepId']!, params['targetId']!),
    initial: (_t, { today }) => ({ reviewedOn: today }),
    view: (target, values) => ({ title: 'Was the target met?', target, metItems: radioItems(YES_NO, values['met']) }),
    save: async (input, { user, child, params, today }) => {
      await reviewPepTarget(ctx.db, user, child.id, params['pepId']!, params['targetId']!, input, today);
      return { next: home(child.id), audit: { action: 'update', objectType: 'pep-target', objectId: params['targetId']! } };
    },
  });
  childDelete(app, ctx, {
    path: `${base}/peps/:pepId/targets/:targetId/delete`,
    records: TARGET,
    audit: 'pep-target',
    title: 'Delete this PEP target',
    load: async ({ child, params }) => {
      const t = await targetOfPep(ctx.db, child.id, params['pepId']!, params['targetId']!);
      return { backHref: home(child.id), rows: [{ key: { text: 'Target' }, value: { text: `${t.what} (${t.who}, by ${formatDate(t.by_when)})` } }] };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteEducationRecord(ctx.db, user, child.id, 'pep_target', params['targetId']!, reason);
      return { next: home(child.id), audit: { action: 'delete', objectType: 'pep-target', objectId: params['targetId']! } };
    },
  });

  // --- API ------------------------------------------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/education',
    summary: 'A child’s school and school moves, attendance each term, suspensions and permanent exclusions, and (for a child in care) PEPs with their targets and what is due',
    tag,
    params: ChildParams,
    guard: childApi('see', 'education'),
    handler: ({ params }) => educationOf(ctx.db, params.childId, ctx.time.today()),
  });
  const record = stepApi(app, ctx, tag);
  record({ url: '/api/v1/children/:childId/schools', summary: 'Record the school a child started at (a move ends the last school that day, and needs a reason)', params: ChildParams, body: SchoolInput, objectType: 'school', save: (u, p, b, t) => recordSchool(ctx.db, u, p.childId, b, t) });
  record({ url: '/api/v1/children/:childId/school-attendance', summary: 'Record a term’s attendance: sessions possible and attended', params: ChildParams, body: AttendanceInput, objectType: 'school-attendance', save: (u, p, b, t) => recordAttendance(ctx.db, u, p.childId, b, t) });
  record({ url: '/api/v1/children/:childId/school-exclusions', summary: 'Record a suspension (school days, no more than 45 in a school year) or a permanent exclusion', params: ChildParams, body: ExclusionInput, objectType: 'school-exclusion', save: (u, p, b, t) => recordExclusion(ctx.db, u, p.childId, b, t) });
  record({ url: '/api/v1/children/:childId/peps', summary: 'Record a PEP meeting of a child in care (the first in a period of care is the initial PEP), with an optional first target; the next is due by the end of the next term', params: ChildParams, body: PepInput, objectType: 'pep', save: (u, p, b, t) => recordPep(ctx.db, u, p.childId, b, t) });
  record({ url: '/api/v1/children/:childId/peps/:pepId/targets', summary: 'Add a target to a PEP: what, who, by when', params: PepParams, body: TargetInput, objectType: 'pep-target', records: PEP, save: (u, p, b) => addPepTarget(ctx.db, u, p.childId, p.pepId, b) });
  record({
    url: '/api/v1/children/:childId/peps/:pepId/targets/:targetId/outcome',
    summary: 'Record whether a PEP target was met, and when it was reviewed',
    params: TargetParams,
    body: TargetOutcome,
    objectType: 'pep-target',
    records: TARGET,
    action: 'update',
    save: (u, p, b, t) => reviewPepTarget(ctx.db, u, p.childId, p.pepId, p.targetId, b, t),
  });
  const removal = (table: 'school_enrolment' | 'school_attendance' | 'school_exclusion', path: string, objectType: string, what: string) =>
    correctionApi(app, ctx, {
      url: `/api/v1/children/:childId/${path}/:recordId`,
      tag,
      objectType,
      params: RecordParams,
      records: { recordId: table },
      remove: { summary: `Delete ${what} recorded in error, with the reason; a copy is kept. Record it again to correct it`, save: (u, p, b) => deleteEducationRecord(ctx.db, u, p.childId, table, p.recordId, b.reason) },
    });
  removal('school_enrolment', 'schools', 'school', 'a school');
  removal('school_attendance', 'school-attendance', 'school-attendance', 'a term’s attendance');
  removal('school_exclusion', 'school-exclusions', 'school-exclusion', 'a suspension or exclusion');
  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/peps/:pepId',
    tag,
    objectType: 'pep',
    params: PepParams,
    records: PEP,
    correct: { summary: 'Correct a PEP with the reason; the old version is kept and the next due date follows', body: PepCorrection, save: (u, p, b, t) => correctPep(ctx.db, u, p.childId, p.pepId, b, t) },
    remove: { summary: 'Delete a PEP and its targets with the reason; a copy is kept', save: (u, p, b) => deleteEducationRecord(ctx.db, u, p.childId, 'pep', p.pepId, b.reason) },
  });
  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/peps/:pepId/targets/:targetId',
    tag,
    objectType: 'pep-target',
    params: TargetParams,
    records: TARGET,
    remove: { summary: 'Delete a PEP target with the reason; a copy is kept', save: (u, p, b) => deleteEducationRecord(ctx.db, u, p.childId, 'pep_target', p.targetId, b.reason) },
  });

  virtualSchoolRoutes(app, ctx);
};
