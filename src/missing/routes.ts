// Missing episodes and return interview pages, declared with the child page pattern
// (src/server/child-pages.ts), and the managers' list of children who go missing. HTTP only: the
// rules are in service.ts, what the pages show in present.ts.
import type { RegisterRoutes } from '../server/context.ts';
import { can } from '../access/roles.ts';
import { childDelete, childForm, childPage, type Values } from '../server/child-pages.ts';
import { checkboxItems, radioItems } from '../server/form-items.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { govukPagination } from '../server/pagination.ts';
import { NotFound } from '../server/errors.ts';
import { EXPLOITATION_RISKS, INTERVIEW_OUTCOMES, MISSING_KINDS, PUSH_PULL_FACTORS, RETURN_INTERVIEW_SOURCE } from './codes.ts';
import { formatLondon, londonParts } from './london-time.ts';
import { isListFilter, LIST_FILTERS, MISSING_LIST_GUARD, missingList, missingOf, namesShown } from './present.ts';
import * as repo from './repository.ts';
import { EpisodeCorrection, MissingEpisodeInput, ReturnInput, ReturnInterviewCorrection, ReturnInterviewInput } from './schemas.ts';
import {
  correctEpisode,
  correctReturnInterview,
  deleteEpisode,
  deleteReturnInterview,
  episodeOfChild,
  interviewOfChild,
  nowOf,
  recordMissingEpisode,
  recordReturn,
  recordReturnInterview,
} from './service.ts';
import { missingApi } from './routes-api.ts';
import './record-section.ts';

const YES_NO = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
] as const;

addNavigationItem({ href: '/missing', text: 'Children who go missing', show: (role) => can(role, 'view-performance') });

/** The date and time fields of an instant, as the form shows them. */
const whenValues = (name: string, instant: Date | null) => {
  if (!instant) return {};
  const { date, time } = londonParts(instant);
  return { [`${name}On`]: date, [`${name}Time`]: time };
};

const EPISODE_FIELDS = ['wentMissingOn', 'wentMissingTime', 'kind', 'policeOn', 'policeTime'];
const INTERVIEW_FIELDS = ['outcome', 'offeredOn', 'offeredTime', 'doneOn', 'doneTime', 'interviewer', 'interviewerIndependent', 'othersPresent', 'triggers', 'whereTheyWere', 'whoWith', 'factors', 'exploitationRisk'];

const interviewItems = (values: Values) => ({
  outcomeItems: radioItems(INTERVIEW_OUTCOMES, values['outcome']),
  independentItems: radioItems(YES_NO, values['interviewerIndependent']),
  factorItems: checkboxItems(PUSH_PULL_FACTORS, values['factors']),
  exploitationItems: radioItems(EXPLOITATION_RISKS, values['exploitationRisk']),
});

export const missingRoutes: RegisterRoutes = (app, ctx) => {
  const missingPage = (childId: string) => `/children/${childId}/missing`;
  const now = () => nowOf(ctx.time);

  childPage(app, ctx, {
    path: '/children/:childId/missing',
    audit: 'missing-episode',
    template: 'missing/views/missing.njk',
    load: async ({ child }) => ({ title: 'Missing episodes', ...(await missingOf(ctx.db, child.id, now())) }),
  });

  // --- The child went missing, and came back --------------------------------------------------
  childForm(app, ctx, {
    path: '/children/:childId/missing/new',
    audit: 'missing-episode',
    template: 'missing/views/episode.njk',
    schema: MissingEpisodeInput,
    dates: ['wentMissingOn', 'policeOn'],
    fields: EPISODE_FIELDS,
    fallbackField: 'wentMissingOn',
    load: async ({ child }) => {
      const open = (await repo.episodesOfChild(ctx.db, child.id)).find((e) => e.returned_at === null);
      return { missingSince: open ? formatLondon(open.went_missing_at) : null, openId: open?.id ?? null };
    },
    initial: (_d, { today }) => ({ wentMissingOn: today }),
    view: (data, values) => ({ title: 'Record that the child went missing', correcting: false, ...data, kindItems: radioItems(MISSING_KINDS, values['kind']) }),
    save: async (input, { user, child }) => {
      const id = await recordMissingEpisode(ctx.db, user, child.id, input, now());
      return { next: missingPage(child.id), audit: { action: 'create', objectType: 'missing-episode', objectId: id } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/missing/:episodeId/return',
    records: { episodeId: 'missing_episode' },
    audit: 'missing-episode',
    template: 'missing/views/return.njk',
    schema: ReturnInput,
    dates: ['returnedOn'],
    fields: ['returnedOn', 'returnedTime', 'whereFound'],
    fallbackField: 'returnedOn',
    load: async ({ child, params }) => {
      const e = await episodeOfChild(ctx.db, child.id, params['episodeId']!);
      return { wentMissing: formatLondon(e.went_missing_at), returned: e.returned_at ? formatLondon(e.returned_at) : null };
    },
    initial: (_d, { today }) => ({ returnedOn: today }),
    view: (data) => ({ title: 'Record that the child returned', ...data }),
    save: async (input, { user, child, params }) => {
      await recordReturn(ctx.db, user, child.id, params['episodeId']!, input, now());
      return { next: missingPage(child.id), audit: { action: 'update', objectType: 'missing-episode', objectId: params['episodeId']! } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/missing/:episodeId/change',
    records: { episodeId: 'missing_episode' },
    audit: 'missing-episode',
    template: 'missing/views/episode.njk',
    schema: EpisodeCorrection,
    dates: ['wentMissingOn', 'policeOn', 'returnedOn'],
    fields: [...EPISODE_FIELDS, 'returnedOn', 'returnedTime', 'whereFound', 'reason'],
    fallbackField: 'wentMissingOn',
    load: ({ child, params }) => episodeOfChild(ctx.db, child.id, params['episodeId']!),
    initial: (e) => ({
      ...whenValues('wentMissing', e.went_missing_at),
      ...whenValues('police', e.reported_to_police_at),
      ...whenValues('returned', e.returned_at),
      kind: e.kind,
      whereFound: e.where_found,
      version: e.version,
    }),
    view: (e, values) => ({
      title: `Correct the episode from ${formatLondon(e.went_missing_at)}`,
      correcting: true,
      returnedRecorded: e.returned_at !== null,
      kindItems: radioItems(MISSING_KINDS, values['kind']),
    }),
    save: async (input, { user, child, params }) => {
      await correctEpisode(ctx.db, user, child.id, params['episodeId']!, input, now());
      return { next: missingPage(child.id), audit: { action: 'update', objectType: 'missing-episode', objectId: params['episodeId']! } };
    },
  });

  childDelete(app, ctx, {
    path: '/children/:childId/missing/:episodeId/delete',
    records: { episodeId: 'missing_episode' },
    audit: 'missing-episode',
    title: 'Delete this missing episode',
    load: async ({ child, params }) => {
      const e = await episodeOfChild(ctx.db, child.id, params['episodeId']!);
      const interviews = await repo.interviewsOfEpisode(ctx.db, e.id);
      return {
        backHref: missingPage(child.id),
        rows: [
          { key: { text: 'Went missing' }, value: { text: formatLondon(e.went_missing_at) } },
          { key: { text: 'Returned' }, value: { text: e.returned_at ? formatLondon(e.returned_at) : 'Not yet' } },
          ...(interviews.length ? [{ key: { text: 'Return interviews' }, value: { text: `${interviews.length} recorded: they are deleted with it, with the same reason` } }] : []),
        ],
      };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteEpisode(ctx.db, user, child.id, params['episodeId']!, reason);
      return { next: missingPage(child.id), audit: { action: 'delete', objectType: 'missing-episode', objectId: params['episodeId']! } };
    },
  });

  // --- Return interviews ----------------------------------------------------------------------
  childForm(app, ctx, {
    path: '/children/:childId/missing/:episodeId/interview',
    records: { episodeId: 'missing_episode' },
    audit: 'return-interview',
    template: 'missing/views/interview.njk',
    schema: ReturnInterviewInput,
    dates: ['offeredOn', 'doneOn'],
    fields: INTERVIEW_FIELDS,
    fallbackField: 'outcome',
    load: async ({ child, params }) => {
      const view = await missingOf(ctx.db, child.id, now());
      const episode = view.episodes.find((e) => e.id === params['episodeId']);
      if (!episode) throw new NotFound('No missing episode with that id for this child');
      return { episode };
    },
    initial: (_d, { today }) => ({ doneOn: today }),
    view: (data, values) => ({ title: 'Record the return interview', correcting: false, episode: data.episode, source: RETURN_INTERVIEW_SOURCE, ...interviewItems(values) }),
    save: async (input, { user, child, params }) => {
      const id = await recordReturnInterview(ctx.db, user, child.id, params['episodeId']!, input, now());
      return { next: missingPage(child.id), audit: { action: 'create', objectType: 'return-interview', objectId: id } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/return-interviews/:interviewId/change',
    records: { interviewId: 'return_interview' },
    audit: 'return-interview',
    template: 'missing/views/interview.njk',
    schema: ReturnInterviewCorrection,
    dates: ['offeredOn', 'doneOn'],
    fields: [...INTERVIEW_FIELDS, 'reason'],
    fallbackField: 'outcome',
    load: async ({ child, params }) => {
      const interview = await interviewOfChild(ctx.db, child.id, params['interviewId']!);
      const view = await missingOf(ctx.db, child.id, now());
      return { interview, episode: view.episodes.find((e) => e.id === interview.episode_id) ?? null };
    },
    initial: ({ interview: i }) => ({
      outcome: i.outcome,
      ...whenValues('offered', i.offered_at),
      ...whenValues('done', i.done_at),
      interviewer: i.interviewer,
      interviewerIndependent: i.interviewer_independent === null ? '' : i.interviewer_independent ? 'yes' : 'no',
      othersPresent: i.others_present,
      triggers: i.triggers,
      whereTheyWere: i.where_they_were,
      whoWith: i.who_with,
      factors: Array.isArray(i.push_pull_factors) ? i.push_pull_factors : [],
      exploitationRisk: i.exploitation_risk ?? '',
      version: i.version,
    }),
    view: (data, values) => ({ title: 'Correct the return interview', correcting: true, episode: data.episode, source: RETURN_INTERVIEW_SOURCE, ...interviewItems(values) }),
    save: async (input, { user, child, params }) => {
      await correctReturnInterview(ctx.db, user, child.id, params['interviewId']!, input, now());
      return { next: missingPage(child.id), audit: { action: 'update', objectType: 'return-interview', objectId: params['interviewId']! } };
    },
  });

  childDelete(app, ctx, {
    path: '/children/:childId/return-interviews/:interviewId/delete',
    records: { interviewId: 'return_interview' },
    audit: 'return-interview',
    title: 'Delete this return interview',
    load: async ({ child, params }) => {
      const i = await interviewOfChild(ctx.db, child.id, params['interviewId']!);
      return {
        backHref: missingPage(child.id),
        rows: [
          { key: { text: 'Return interview' }, value: { text: INTERVIEW_OUTCOMES.find((o) => o.code === i.outcome)!.label } },
          { key: { text: i.done_at ? 'Held' : 'Offered' }, value: { text: formatLondon(i.done_at ?? i.offered_at) } },
        ],
      };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteReturnInterview(ctx.db, user, child.id, params['interviewId']!, reason);
      return { next: missingPage(child.id), audit: { action: 'delete', objectType: 'return-interview', objectId: params['interviewId']! } };
    },
  });

  // --- The managers' list ---------------------------------------------------------------------
  app.get('/missing', { config: { guard: MISSING_LIST_GUARD } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const show = isListFilter(query['show']) ? query['show'] : null;
    const place = !show && typeof query['place'] === 'string' ? query['place'] : null;
    const person = !show && !place && typeof query['person'] === 'string' ? query['person'] : null;
    const list = await missingList(ctx.db, request.user!, now(), { show, place, person, page: Number.parseInt(String(query['page'] ?? '1'), 10) });
    const href = (p: number) => `/missing${Object.keys(list.choice).length || p > 1 ? `?${new URLSearchParams({ ...list.choice, ...(p > 1 ? { page: String(p) } : {}) })}` : ''}`;
    await request.audit({ action: 'view-child', objectType: 'missing-list', detail: { children: list.rows.length, show, place: place !== null, person: person !== null, page: list.page } });
    return reply.render('missing/views/list.njk', {
      title: 'Children who go missing',
      ...list,
      filters: (Object.keys(LIST_FILTERS) as (keyof typeof LIST_FILTERS)[]).map((f) => ({ key: f, text: LIST_FILTERS[f], count: list.counts.byFilter[f], href: `/missing?show=${f}` })),
      filtered: list.heading !== null,
      places: namesShown(list.shared.places, query['names'] === 'all'),
      people: namesShown(list.shared.people, query['names'] === 'all'),
      allNamesHref: `/missing?${new URLSearchParams({ ...list.choice, names: 'all' })}`,
      first: (list.page - 1) * list.pageSize + 1,
      pagination: govukPagination(list.page, list.pageCount, href),
      encode: encodeURIComponent,
    });
  });

  missingApi(app, ctx);
};
