// The LA child id Lantern gives a child when the worker has none to type: 'LC' and a zero-padded
// number from a sequence. Nine characters, so it also fits the SSDA903 XML limit of 10.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';

export async function laChildIdTaken(db: Db, laChildId: string, exceptPersonId?: string): Promise<boolean> {
  let query = db.selectFrom('person').select('id').where(sql<string>`lower(la_child_id)`, '=', laChildId.toLowerCase());
  if (exceptPersonId) query = query.where('id', '<>', exceptPersonId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function nextLaChildId(db: Db): Promise<string> {
  // A worker may have typed an id of the same shape by hand, so skip any that are taken.
  for (;;) {
    const { rows } = await sql<{ n: number | string }>`SELECT nextval('la_child_id_seq') AS n`.execute(db);
    const id = `LC${String(rows[0]?.n).padStart(7, '0')}`;
    if (!(await laChildIdTaken(db, id))) return id;
  }
}
