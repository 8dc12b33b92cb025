// What every service area is given: the database, the time source and the council's name.
import type { Kysely } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/schema.ts';
import type { TimeSource } from './time.ts';

export interface AppContext {
  db: Kysely<Database>;
  time: TimeSource;
  councilName: string;
}

/** A service area's routes: pages and /api/v1 endpoints. */
export type RegisterRoutes = (app: FastifyInstance, ctx: AppContext) => void;
