// Every service area's routes, in the order they are registered.
import type { RegisterRoutes } from './context.ts';
import { signInRoutes } from '../access/routes.ts';
import { apiBasics, apiDocs } from './api-basics.ts';
import { chronologyRoutes } from '../chronology/routes.ts';

export const AREAS: readonly RegisterRoutes[] = [signInRoutes, apiBasics, apiDocs, chronologyRoutes];
