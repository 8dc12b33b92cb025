// Every migration, in order. A service area adds its own file and one line here.
import type { Migration } from 'kysely/migration';
import * as foundation from './0001_foundation.ts';
import * as episodesAndPlans from './0002_episodes_and_plans.ts';

export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_episodes_and_plans': episodesAndPlans,
};
