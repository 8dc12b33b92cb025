// The people area: finding and adding children, a child's record, family, addresses, allocation
// and merging duplicates, as pages and as /api/v1 operations.
import type { RegisterRoutes } from '../server/context.ts';
import { createChildRoutes } from './routes-create.ts';
import { searchRoutes } from './routes-search.ts';
import { recordRoutes } from './routes-record.ts';
import { familyRoutes } from './routes-family.ts';
import { manageRoutes } from './routes-manage.ts';
import { peopleApi } from './api.ts';

export const peopleRoutes: RegisterRoutes = (app, ctx) => {
  for (const register of [searchRoutes, createChildRoutes, recordRoutes, familyRoutes, manageRoutes, peopleApi]) register(app, ctx);
};
