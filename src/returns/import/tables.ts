import type { Generated } from 'kysely';
import type { Json } from '../../db/schema.ts';

/** One import of another system's return (decision 0039): its progress while it runs, its report after. */
export interface ImportJobTable {
  id: string;
  kind: 'cin-census' | 'ssda903';
  file_name: string;
  status: 'running' | 'done' | 'failed';
  children_total: number | null;
  children_done: Generated<number>;
  report: Json<unknown> | null;
  failure: string | null;
  started_by: string;
  started_at: Generated<Date>;
  updated_at: Generated<Date>;
  finished_at: Date | null;
}

export interface ImportTables {
  import_job: ImportJobTable;
}
