// Runs an import as a job (decision 0039): the upload answers at once with the job, the file loads in
// the background, and the job's page shows how far it has got and then the report. A second import of
// the same file is safe (nothing is created twice), so a job cut short by a restart is finished by
// importing the file again.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/history.ts';
import { importCensusFile } from './cin-census.ts';
import { importSsda903Files } from './ssda903.ts';
import { UnreadableFile } from './read-cin-census.ts';
import type { ImportReport } from './report.ts';

export interface StartedImport {
  id: string;
  /** Settles when the job has finished (done or failed); the routes do not wait for it, tests do. */
  finished: Promise<void>;
}

/** Progress is written every this many children: often enough to watch, rarely enough to be cheap. */
const PROGRESS_EVERY = 10;

export async function startCensusImport(db: Db, input: { fileName: string; xml: string; actorId: string; today: string }): Promise<StartedImport> {
  return startJob(db, 'cin-census', input, (onProgress) => importCensusFile(db, input.xml, { actorId: input.actorId, today: input.today, onProgress }));
}

/** An SSDA903 return's CSV files (Header and Episodes at least) for a collection year (decision 0040). */
export async function startSsda903Import(db: Db, input: { files: { fileName: string; text: string }[]; year: number; actorId: string; today: string }): Promise<StartedImport> {
  const fileName = input.files.map((f) => f.fileName).join(', ');
  return startJob(db, 'ssda903', { fileName, actorId: input.actorId }, (onProgress) => importSsda903Files(db, input.files, { actorId: input.actorId, today: input.today, year: input.year, onProgress }));
}

type Progress = (done: number, total: number) => Promise<void>;

async function startJob(db: Db, kind: 'cin-census' | 'ssda903', input: { fileName: string; actorId: string }, run: (onProgress: Progress) => Promise<ImportReport>): Promise<StartedImport> {
  const id = randomUUID();
  await db.insertInto('import_job').values({ id, kind, file_name: input.fileName.slice(0, 200), status: 'running', started_by: input.actorId }).execute();
  const finished = (async () => {
    try {
      const report = await run(async (done, total) => {
        if (done % PROGRESS_EVERY !== 0 && done !== total && done !== 1) return;
        await db.updateTable('import_job').set({ children_done: done, children_total: total, updated_at: new Date() }).where('id', '=', id).execute();
      });
      await db
        .updateTable('import_job')
        .set({ status: 'done', report: JSON.stringify(stored(report)), children_total: report.childrenInFile, children_done: report.childrenInFile, updated_at: new Date(), finished_at: new Date() })
        .where('id', '=', id)
        .execute();
    } catch (error) {
      // The reason an unreadable file gives is the user's to read; anything else is not shown (it could
      // quote the file), and the log has only the job's id.
      const failure = error instanceof UnreadableFile ? error.message : 'The import stopped with an error. Nothing after the last child counted was imported; import the file again to finish it.';
      await db.updateTable('import_job').set({ status: 'failed', failure, updated_at: new Date(), finished_at: new Date() }).where('id', '=', id).execute();
    }
  })();
  return { id, finished };
}

/** The report as kept with the job. */
export type StoredReport = Omit<ImportReport, 'add'>;

const stored = ({ year, childrenInFile, counts, rejected, differences }: ImportReport): StoredReport => ({ year, childrenInFile, counts, rejected, differences });

export async function recentJobs(db: Db) {
  return db
    .selectFrom('import_job')
    .innerJoin('app_user', 'app_user.id', 'import_job.started_by')
    .select(['import_job.id', 'kind', 'file_name', 'status', 'children_total', 'children_done', 'started_at', 'finished_at', 'app_user.display_name as started_by'])
    .orderBy('started_at', 'desc')
    .limit(20)
    .execute();
}

export async function jobOf(db: Db, id: string) {
  const job = await db
    .selectFrom('import_job')
    .innerJoin('app_user', 'app_user.id', 'import_job.started_by')
    .select(['import_job.id', 'kind', 'file_name', 'status', 'children_total', 'children_done', 'report', 'failure', 'started_at', 'updated_at', 'finished_at', 'app_user.display_name as started_by'])
    .where('import_job.id', '=', id)
    .executeTakeFirst();
  if (!job) return null;
  const report = (typeof job.report === 'string' ? JSON.parse(job.report) : job.report) as StoredReport | null;
  return { ...job, report };
}
