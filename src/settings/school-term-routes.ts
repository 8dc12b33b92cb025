// The council's term dates (decision 0013): PEPs are due in school days and by the end of each term,
// counted on these. Administrators only, like the council's other settings. HTTP only.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RegisterRoutes } from '../server/context.ts';
import type { Guard } from '../server/guard.ts';
import { RuleBroken } from '../server/errors.ts';
import { foldDateInputs, parseForm, singleError, type FormErrors } from '../server/forms.ts';
import { formContext } from '../server/child-pages.ts';
import { optionItems, radioItems } from '../server/form-items.ts';
import { requiredDate } from '../plans/fields.ts';
import { defaultTerms, schoolYearLabel, schoolYearOf, TERM_LABELS, TERM_NAMES, type TermName } from '../calendar/school-terms.ts';
import { councilTerms, loadSchoolCalendar, setTermDates } from './school-terms.ts';

const ADMINISTRATORS: Guard = { signedIn: true, capability: 'manage-settings', reason: 'Administrators set the council’s term dates, on which PEP timescales are counted' };
const DATES = ['startsOn', 'endsOn', 'halfTermStartsOn', 'halfTermEndsOn'] as const;
const TERMS = TERM_NAMES.map((t) => ({ code: t, label: `${TERM_LABELS[t]} term` }));

const TermForm = z.object({
  schoolYear: z.coerce.number({ error: 'Choose the school year' }).int().min(2000, 'Choose the school year').max(2100, 'Choose the school year'),
  term: z.enum(TERM_NAMES as [TermName, ...TermName[]], { error: 'Choose the term' }),
  startsOn: requiredDate('The first day of term', 'Enter the first day of term'),
  endsOn: requiredDate('The last day of term', 'Enter the last day of term'),
  halfTermStartsOn: requiredDate('The first day of the half-term holiday', 'Enter the first day of the half-term holiday'),
  halfTermEndsOn: requiredDate('The last day of the half-term holiday', 'Enter the last day of the half-term holiday'),
});
const UsualForm = z.object({ schoolYear: z.coerce.number().int().min(2000).max(2100), term: z.enum(TERM_NAMES as [TermName, ...TermName[]]) });

const actorOf = (request: FastifyRequest) => ({ id: request.user!.id, username: request.user!.username, ip: request.ip });

export const schoolTermRoutes: RegisterRoutes = (app, ctx) => {
  const years = () => {
    const year = schoolYearOf(ctx.time.today());
    return [year, year + 1];
  };
  const render = async (reply: FastifyReply, values: Record<string, unknown>, errors?: FormErrors, flash?: string) => {
    const [calendar, own] = await Promise.all([loadSchoolCalendar(ctx.db), councilTerms(ctx.db)]);
    const recorded = new Set(own.map((t) => `${t.schoolYear}|${t.term}`));
    return reply.render('settings/views/school-terms.njk', {
      title: 'School term dates',
      flash,
      years: years().map((year) => ({
        label: schoolYearLabel(year),
        terms: calendar.termsOf(year).map((t) => ({ ...t, name: TERM_LABELS[t.term], council: recorded.has(`${year}|${t.term}`) })),
      })),
      yearItems: optionItems(years().map((y) => ({ value: String(y), text: schoolYearLabel(y) })), values['schoolYear']),
      termItems: radioItems(TERMS, values['term']),
      ...formContext(values, errors),
    });
  };

  app.get('/admin/settings/school-terms', { config: { guard: ADMINISTRATORS } }, async (request, reply) => {
    const saved = (request.query as { saved?: string }).saved;
    const usual = defaultTerms(years()[0]!)[0]!;
    return render(reply, { schoolYear: String(usual.schoolYear) }, undefined, saved ? `Term dates saved. PEP due dates have been worked out again for ${saved} child${saved === '1' ? '' : 'ren'}.` : undefined);
  });

  app.post('/admin/settings/school-terms', { config: { guard: ADMINISTRATORS } }, async (request, reply) => {
    const values = foldDateInputs({ ...((request.body as Record<string, unknown>) ?? {}) }, DATES);
    const form = parseForm(TermForm, values);
    if (!form.ok) return render(reply.code(400), values, form.errors);
    try {
      const { schoolYear, term, ...dates } = form.data;
      const refreshed = await setTermDates(ctx.db, actorOf(request), schoolYear, term, dates);
      return reply.code(303).redirect(`/admin/settings/school-terms?saved=${refreshed}`);
    } catch (error) {
      if (!(error instanceof RuleBroken)) throw error;
      return render(reply.code(422), values, singleError(error.field ?? 'startsOn', error.message));
    }
  });

  app.post('/admin/settings/school-terms/usual', { config: { guard: ADMINISTRATORS } }, async (request, reply) => {
    const form = parseForm(UsualForm, (request.body as Record<string, unknown>) ?? {});
    if (!form.ok) return render(reply.code(400), {}, form.errors);
    const refreshed = await setTermDates(ctx.db, actorOf(request), form.data.schoolYear, form.data.term, null);
    return reply.code(303).redirect(`/admin/settings/school-terms?saved=${refreshed}`);
  });
};
