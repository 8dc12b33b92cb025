// The people in a child's life and where the child lives: adding and changing relationships, adding
// an address. Declared with the child page pattern (src/server/child-pages.ts): the access check, the
// audit rows, the re-render with errors and the redirect follow from each declaration.
import type { RegisterRoutes } from '../server/context.ts';
import { childForm } from '../server/child-pages.ts';
import { optionItems, radioItems, selectItems } from '../server/form-items.ts';
import { SEX } from '../codes/index.ts';
import { addressSchema, familyMemberSchema, relationshipChangeSchema } from './record-schemas.ts';
import { addFamilyMember, changeRelationship, familyNetwork, relationshipOf } from './family.ts';
import { addAddress, currentAddressOf } from './addresses.ts';
import { RELATIONSHIP_KINDS } from './relationship-kinds.ts';

const kindItems = (chosen: unknown) => selectItems(RELATIONSHIP_KINDS, chosen, 'Select a relationship');
const yes = (value: boolean) => (value ? 'yes' : '');

export const familyRoutes: RegisterRoutes = (app, ctx) => {
  childForm(app, ctx, {
    path: '/children/:childId/relationships/new',
    audit: 'relationship',
    template: 'people/views/relationship-new.njk',
    schema: ({ today }) => familyMemberSchema(today),
    dates: ['dateOfBirth', 'startedOn'],
    fields: ['who', 'firstName', 'lastName', 'dateOfBirth', 'sex', 'existingPersonId', 'laChildId', 'kind', 'startedOn'],
    fallbackField: 'who',
    load: ({ child }) => familyNetwork(ctx.db, child.id),
    view: (network, values) => ({
      title: 'Add a family member or other person',
      kindItems: kindItems(values['kind']),
      sexItems: radioItems(SEX, values['sex']),
      networkItems: optionItems(
        network.map((n) => ({ value: n.id, text: `${n.first_name} ${n.last_name}` })),
        values['existingPersonId'],
        'Select a person',
      ),
    }),
    save: async (input, { user, child, today }) => {
      const id = await addFamilyMember(ctx.db, user, child.id, input, today);
      return { next: child.href, audit: { action: 'create', objectType: 'relationship', objectId: id } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/relationships/:relationshipId',
    records: { relationshipId: 'relationship' },
    audit: 'relationship',
    template: 'people/views/relationship-edit.njk',
    schema: ({ today }) => relationshipChangeSchema(today),
    dates: ['startedOn', 'endedOn'],
    fields: ['kind', 'startedOn', 'endedOn'],
    fallbackField: 'kind',
    load: ({ child, params }) => relationshipOf(ctx.db, child.id, params['relationshipId']!),
    initial: (r) => ({
      kind: r.kind,
      parentalResponsibility: yes(r.parental_responsibility),
      livesWith: yes(r.lives_with),
      startedOn: r.started_on,
      endedOn: r.ended_on,
      version: r.version,
    }),
    view: (r, values) => ({
      title: `Change the relationship with ${r.otherName}`,
      otherName: r.otherName,
      fromOtherSide: r.fromOtherSide,
      kindItems: kindItems(values['kind']),
    }),
    save: async (input, { user, child, params }) => {
      await changeRelationship(ctx.db, user.id, child.id, params['relationshipId']!, input);
      return { next: child.href, audit: { action: 'update', objectType: 'relationship', objectId: params['relationshipId']! } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/addresses/new',
    audit: 'address',
    template: 'people/views/address-new.njk',
    schema: ({ today }) => addressSchema(today),
    dates: ['fromDate'],
    fields: ['line1', 'line2', 'town', 'postcode', 'fromDate'],
    fallbackField: 'fromDate',
    load: ({ child }) => currentAddressOf(ctx.db, child.id),
    view: (currentAddress) => ({ title: 'Add a new address', currentAddress }),
    save: async (input, { user, child }) => {
      const id = await addAddress(ctx.db, user.id, child.id, input, true);
      return { next: child.href, audit: { action: 'create', objectType: 'address', objectId: id } };
    },
  });
};
