// The measures that count workers (decision 0046): each row a worker, its list the worker's caseload.
// Hand-worked examples in src/measures/workers.test.ts, each citing its source.
import { addDays } from '../../calendar/index.ts';
import { inPeriod } from '../counting.ts';
import { caseHolders, caseloadOn, inPostOn, type WorkerMeasure } from '../workers.ts';

const children = (n: number) => `${n} ${n === 1 ? 'child' : 'children'}`;

export const WORKER_MEASURES: readonly WorkerMeasure[] = [
  {
    id: 'social-worker-caseload',
    name: 'Average caseload per case-holding social worker',
    definition:
      'On the day, the children allocated to a social worker (as social worker), divided by the social workers holding at least one child: agency and permanent alike, whatever their hours. A child allocated to two social workers counts in both caseloads.',
    numerator: 'Children held by social workers on the day (each worker’s caseload added up)',
    denominator: 'Social workers holding at least one child on the day',
    kind: 'average',
    when: 'as-at',
    citation: 'DfE children’s social care dashboard and children’s social work workforce census (average caseload per case-holding social worker); seed-requirements WF-01, §1.16',
    direction: 'lower',
    caseload: 'social_worker',
    count: (f, p) =>
      caseHolders(f, p.to).map((h) => ({ workerId: h.workerId, on: p.to, children: [...new Set(h.children)], met: true, facts: [`Holds ${children(new Set(h.children).size)}`] })),
    numeratorOf: (rows) => rows.reduce((sum, r) => sum + r.children.length, 0),
  },
  {
    id: 'social-workers-over-limit',
    name: 'Social workers holding more children than the caseload limit',
    definition:
      'Of the social workers holding at least one child on the day, those holding more children than the council’s caseload limit for a full-time worker (30 points unless the council set it lower). Every child counts at least one point, so a worker holding more children than the limit is above it whatever the mix of work; the caseloads page also weighs the work and the worker’s hours.',
    numerator: 'Social workers holding more children than the caseload limit',
    denominator: 'Social workers holding at least one child on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'seed-requirements WF-01 (flag workers whose caseload is too high: Newham 2014 ¶3, ¶17; Wandsworth 2016 ¶101; Southend 2016 ¶72); the limit is the caseload setting of decision 0023',
    direction: 'lower',
    caseload: 'social_worker',
    count: (f, p) =>
      caseHolders(f, p.to).map((h) => {
        const held = new Set(h.children).size;
        return { workerId: h.workerId, on: p.to, children: [...new Set(h.children)], met: held > f.caseloadLimit, facts: [`Holds ${children(held)}; the limit is ${f.caseloadLimit}`] };
      }),
  },
  {
    id: 'agency-staff-share',
    name: 'Agency staff among staff in post',
    definition: 'Of the staff with a workforce profile in post on the day (started by it, not yet left), those employed through an agency.',
    numerator: 'Agency staff in post on the day',
    denominator: 'Staff in post on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q136, Q137 (Newham 2014 ¶119: agency staff by team; Wandsworth 2016 ¶112: turnover and agency staff, 16%); seed-requirements WF-04',
    direction: 'lower',
    caseload: 'any',
    count: (f, p) =>
      [...f.workers.values()]
        .filter((w) => inPostOn(w, p.to))
        .map((w) => {
          const held = caseloadOn(f, w.id, p.to, 'any');
          return { workerId: w.id, on: p.to, children: held, met: w.employment === 'agency', facts: [`${w.employment === 'agency' ? 'Agency' : `Not agency (${(w.employment ?? '').replace('_', ' ')})`}, in post since ${w.startedOn}`, `Holds ${children(held.length)}`] };
        }),
  },
  {
    id: 'staff-leavers',
    name: 'Staff who left the council',
    definition: 'Staff with a workforce profile whose leaving day fell in the period. Each opens the children they still held on their last day in post (the day before it).',
    numerator: 'Staff who left in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'Q138 (Southend 2016 ¶123: five members of staff leaving in the last 12 months); Q137 (turnover); seed-requirements WF-04',
    direction: 'neither',
    caseload: 'any',
    count: (f, p) =>
      [...f.workers.values()]
        .filter((w) => w.leftOn !== null && inPeriod(w.leftOn, p))
        .map((w) => {
          const lastDay = addDays(w.leftOn!, -1);
          const held = caseloadOn(f, w.id, lastDay, 'any');
          return { workerId: w.id, on: lastDay, children: held, met: true, facts: [`Left ${w.leftOn}`, `Held ${children(held.length)} on their last day`] };
        }),
  },
];

export const workerMeasureById = (id: string) => WORKER_MEASURES.find((m) => m.id === id);
