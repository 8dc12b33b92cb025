// What a manager does to a child's record: allocate a worker, merge a duplicate record. Both need the
// 'authorise' capability as well as a relationship to the child, declared on each route.
import type { RegisterRoutes } from '../server/context.ts';
import { SW_CHANGE_REASON } from '../codes/ssda903.ts';
import { childForm } from '../server/child-pages.ts';
import { optionItems, radioItems, selectItems } from '../server/form-items.ts';
import { allocationSchema } from './record-schemas.ts';
import { mergeSchema } from './schemas.ts';
import { allocatableWorkers, allocateWorker } from './allocation.ts';
import { ALLOCATION_ROLES } from './allocation-roles.ts';
import { laChildIdOf, mergeChildren, survivorFor } from './merge.ts';

export const manageRoutes: RegisterRoutes = (app, ctx) => {
  childForm(app, ctx, {
    path: '/children/:childId/allocate',
    capability: 'authorise',
    audit: 'allocation',
    template: 'people/views/allocate.njk',
    schema: ({ today }) => allocationSchema(today),
    dates: ['fromDate'],
    fields: ['workerId', 'role', 'fromDate', 'changeReason', 'approvalReason'],
    fallbackField: 'workerId',
    load: () => allocatableWorkers(ctx.db),
    // Prefilled: from today, as the allocated social worker (the usual allocation).
    initial: (_workers, { today }) => ({ fromDate: today, role: 'social_worker' }),
    view: (workers, values) => ({
      title: 'Allocate a worker',
      workerItems: optionItems(
        workers.map((w) => ({ value: w.id, text: w.team_name ? `${w.display_name} (${w.team_name})` : w.display_name })),
        values['workerId'],
        'Select a worker',
      ),
      roleItems: radioItems(ALLOCATION_ROLES, values['role']),
      changeReasonItems: selectItems(SW_CHANGE_REASON, values['changeReason'], 'Not a change (the first social worker)'),
    }),
    save: async (input, { user, child }) => {
      const id = await allocateWorker(ctx.db, user, child.id, input);
      return { next: child.href, audit: { action: 'create', objectType: 'allocation', objectId: id } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/merge',
    capability: 'authorise',
    audit: 'person',
    template: 'people/views/merge.njk',
    schema: mergeSchema,
    fields: ['survivor', 'reason'],
    fallbackField: 'survivor',
    load: ({ child }) => laChildIdOf(ctx.db, child.id),
    view: (laChildId) => ({ title: 'Merge this duplicate record', laChildId }),
    save: async (input, { user, child, request, today }) => {
      const survivorId = await survivorFor(ctx.db, user, input.survivor);
      await mergeChildren(ctx.db, { duplicateId: child.id, survivorId, reason: input.reason, actorId: user.id, today });
      // A merge is audited on both records, each naming the other.
      await request.audit({ action: 'merge', childId: child.id, objectType: 'person', objectId: survivorId });
      await request.audit({ action: 'merge', childId: survivorId, objectType: 'person', objectId: child.id });
      return { next: `/children/${survivorId}` };
    },
  });
};
