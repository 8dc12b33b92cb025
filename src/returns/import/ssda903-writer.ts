// What the SSDA903 import's table writers share (decision 0040): the child's transaction, the journal,
// and the outcome of every row, so that each table's writer says created, already in Lantern or
// rejected with the reason, and nothing is dropped.
import type { Db } from '../../db/history.ts';
import { recordEvent, type NewEvent } from '../../chronology/journal.ts';
import type { CollectionYear } from '../ssda903/year.ts';
import type { FactKind } from './report.ts';

export interface Outcome {
  kind: FactKind;
  outcome: 'created' | 'alreadyInLantern' | 'rejected';
  n: number;
  where?: string;
  reason?: string;
}

/** Said where Lantern needs a value that the return does not hold. */
export const NOT_IN_903 = 'Not known: imported from an SSDA903 return, which does not hold this.';

/** One child's import, as the table writers see it. */
export class Writer903 {
  readonly outcomes: Outcome[] = [];
  childId = '';
  /** The child was created by this import (not held before): their details may be filled in. */
  createdNow = false;
  dob = '';
  /** Facts this import made for the child, by key: a second row about the same fact counts it once. */
  readonly madeNow = new Set<string>();
  constructor(
    readonly tx: Db,
    readonly actor: string,
    readonly today: string,
    /** The collection year the file is for: OC3's birthday and PrevPerm's period follow from it. */
    readonly year: CollectionYear | null,
  ) {}

  event(type: NewEvent['type'], occurredOn: string, sourceTable: string, sourceId: string, scopeId: string | null, title: string, significance?: NewEvent['significance']) {
    return recordEvent(this.tx, { childId: this.childId, type, occurredOn, sourceTable, sourceId, scopeId, title, ...(significance ? { significance } : {}) }, this.actor, { refresh: false });
  }

  created(kind: FactKind): void {
    this.outcomes.push({ kind, outcome: 'created', n: 1 });
  }

  already(kind: FactKind): void {
    this.outcomes.push({ kind, outcome: 'alreadyInLantern', n: 1 });
  }

  rejected(kind: FactKind, where: string, reason: string): void {
    this.outcomes.push({ kind, outcome: 'rejected', n: 1, where, reason });
  }

  /** The period of care the child was in on a day, if Lantern holds one. */
  periodOn(day: string) {
    return this.tx
      .selectFrom('care_period')
      .select(['id', 'started_on', 'ended_on', 'previous_permanence', 'previous_permanence_la', 'previous_permanence_on'])
      .where('child_id', '=', this.childId)
      .where('deleted_at', 'is', null)
      .where('started_on', '<=', day)
      .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', day)]))
      .executeTakeFirst();
  }

  /** The placement the child was in on a day. */
  async placementOn(day: string): Promise<string | null> {
    const p = await this.tx
      .selectFrom('placement')
      .select('id')
      .where('child_id', '=', this.childId)
      .where('deleted_at', 'is', null)
      .where('started_on', '<=', day)
      .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', day)]))
      .orderBy('started_on', 'desc')
      .executeTakeFirst();
    return p?.id ?? null;
  }
}

/** "held X, file Y": a fact Lantern holds is not changed by an import (a correction made since is kept). */
export const heldDifferently = (what: string, held: string, inFile: string) =>
  `Lantern already holds ${what} as ${held}, the file says ${inFile}: a fact held is not changed by an import; correct it in Lantern`;

export const codeIn = (list: readonly { code: string }[], code: string | null): boolean => code !== null && list.some((c) => c.code === code);
