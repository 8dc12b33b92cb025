// An episode cannot close while a section 47 enquiry in it is still open (no outcome, or a conference
// decided on but not yet held), nor on a date before something recorded in it happened (CIN census
// rule 8565: activity after closure). Registered with the episode here (this module is imported by
// the protection routes), so the episode service does not import child protection.
import type { Db } from '../db/history.ts';
import { registerClosureCheck, type ClosureCheck } from '../episodes/closure-checks.ts';
import { RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';

export const enquiriesMustBeConcluded: ClosureCheck = async (db: Db, episodeId, closure) => {
  const open = await db
    .selectFrom('s47_enquiry as q')
    .select(['q.initiated_on', 'q.outcome'])
    .where('q.episode_id', '=', episodeId)
    .where('q.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('q.outcome', 'is', null), eb('q.outcome', '=', 'CONFERENCE')]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('child_protection_conference as c')
            .select('c.id')
            .whereRef('c.enquiry_id', '=', 'q.id')
            .where('c.kind', '=', 'initial')
            .where('c.deleted_at', 'is', null),
        ),
      ),
    )
    .executeTakeFirst();
  if (open) {
    throw new RuleBroken(
      open.outcome === 'CONFERENCE'
        ? `The section 47 enquiry started on ${formatDate(open.initiated_on)} needs its initial child protection conference before the episode can close`
        : `Record the outcome of the section 47 enquiry started on ${formatDate(open.initiated_on)} before closing the episode`,
      'closedOn',
    );
  }
  const latest = await db
    .selectFrom('strategy_discussion')
    .select((eb) => eb.fn.max('held_on').as('held_on'))
    .where('episode_id', '=', episodeId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (latest?.held_on && latest.held_on > closure.closedOn) {
    throw new RuleBroken(`The closure date cannot be before the strategy discussion on ${formatDate(latest.held_on)}`, 'closedOn');
  }
};

registerClosureCheck(enquiriesMustBeConcluded);
