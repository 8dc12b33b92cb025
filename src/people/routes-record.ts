// A child's record: the page itself (one statement for everything on it, sections included), the
// history of changes, changing details and recording a death.
import type { RegisterRoutes } from '../server/context.ts';
import { childForm, childPage, type Values } from '../server/child-pages.ts';
import { recordSectionColumns } from '../server/record-sections.ts';
import { can } from '../access/roles.ts';
import { dateInputItems, type FormErrors } from '../server/forms.ts';
import { changeChildSchema, deathSchema } from './schemas.ts';
import { changeChildDetails, recordDeath } from './edit.ts';
import { recordUascCeased, UascCeasedInput } from './uasc.ts';
import { childRecord, disabilitiesOf, loadChild } from './record.ts';
import { personHistory } from './history.ts';
import { mayAllocate } from './allocation.ts';
import { childFormOptions } from './route-helpers.ts';

type Person = Awaited<ReturnType<typeof loadChild>>;

const yes = (value: boolean) => (value ? 'yes' : '');

/** The record's details as the form's fields, to prefill "Change details". */
function detailsAsValues(p: Person, disabilities: string[]): Values {
  return {
    kind: p.kind,
    firstName: p.first_name,
    lastName: p.last_name,
    otherNames: p.other_names,
    dateOfBirth: p.date_of_birth,
    expectedDateOfBirth: p.expected_date_of_birth,
    sex: p.sex,
    ethnicity: p.ethnicity,
    nhsNumber: p.nhs_number,
    upn: p.upn,
    formerUpn: p.former_upn,
    laChildId: p.la_child_id,
    disabilities,
    immigrationStatus: p.immigration_status,
    uasc: yes(p.unaccompanied_asylum_seeker),
    firstLanguage: p.first_language,
    religion: p.religion,
    restricted: yes(p.restricted),
    version: p.version,
  };
}

const has = (errors: FormErrors | undefined, field: string) => Boolean(errors?.fields[field]);

export const recordRoutes: RegisterRoutes = (app, ctx) => {
  childPage(app, ctx, {
    path: '/children/:childId',
    audit: 'person',
    template: 'people/views/record.njk',
    load: async ({ user, child, today }) => {
      const { columns, summarise } = recordSectionColumns(user, child.id);
      const record = await childRecord(ctx.db, child.id, today, columns);
      return {
        title: child.name,
        record,
        sections: summarise(record.extra, today),
        disabilityText: record.disabilities.map((d) => d.label).join(', '),
        mayChange: child.mayChange,
        mayAllocate: child.mayChange && mayAllocate(user),
        mayMerge: child.mayChange && can(user.role, 'authorise'),
        // The subject access export is a manager's (decision 0009), so the link is theirs alone.
        mayExport: can(user.role, 'authorise'),
      };
    },
  });

  childPage(app, ctx, {
    path: '/children/:childId/history',
    audit: 'person-history',
    template: 'people/views/history.njk',
    load: async ({ child }) => ({
      title: `History of changes: ${child.name}`,
      childId: child.id,
      childName: child.name,
      entries: await personHistory(ctx.db, child.id),
    }),
  });

  childForm(app, ctx, {
    path: '/children/:childId/edit',
    audit: 'person',
    template: 'people/views/edit.njk',
    schema: ({ today }) => changeChildSchema(today),
    dates: ['dateOfBirth', 'expectedDateOfBirth'],
    input: (values) => ({ ...values, disabilities: ([] as unknown[]).concat(values['disabilities'] ?? []) }),
    load: async ({ child }) => {
      const [person, disabilities] = await Promise.all([loadChild(ctx.db, child.id), disabilitiesOf(ctx.db, child.id)]);
      return { person, disabilities: disabilities.map((d) => d.code) };
    },
    initial: ({ person, disabilities }) => detailsAsValues(person, disabilities),
    view: (_data, values, { child }, errors) => ({
      title: 'Change details',
      childId: child.id,
      childName: child.name,
      version: values['version'],
      laChildIdHint: 'Letters and numbers only',
      dobItems: dateInputItems('dateOfBirth', values, has(errors, 'dateOfBirth')),
      edobItems: dateInputItems('expectedDateOfBirth', values, has(errors, 'expectedDateOfBirth')),
      ...childFormOptions(values),
    }),
    save: async (input, { user, child }) => {
      await changeChildDetails(ctx.db, user.id, child.id, input);
      return { next: child.href, audit: { action: 'update', objectType: 'person', objectId: child.id } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/uasc-ceased',
    audit: 'person',
    template: 'people/views/uasc-ceased.njk',
    schema: UascCeasedInput,
    dates: ['ceasedOn'],
    load: ({ child }) => loadChild(ctx.db, child.id),
    initial: (person) => ({ ceasedOn: person.uasc_ceased_on }),
    view: (person) => ({ title: 'The date UASC status ceased', uasc: person.unaccompanied_asylum_seeker, correcting: person.uasc_ceased_on !== null }),
    save: async (input, { user, child, today }) => {
      await recordUascCeased(ctx.db, user.id, child.id, input, today);
      return { next: child.href, audit: { action: 'update', objectType: 'person', objectId: child.id } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/death',
    audit: 'person',
    template: 'people/views/death.njk',
    schema: ({ today }) => deathSchema(today),
    dates: ['dateOfDeath'],
    load: ({ child }) => loadChild(ctx.db, child.id),
    initial: (person) => ({ dateOfDeath: person.date_of_death }),
    view: () => ({ title: 'Record a death' }),
    save: async (input, { user, child }) => {
      await recordDeath(ctx.db, user.id, child.id, input.dateOfDeath!);
      return { next: child.href, audit: { action: 'update', objectType: 'person', objectId: child.id } };
    },
  });
};
