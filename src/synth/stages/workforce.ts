// Each member of staff's profile: when they qualified (a few newly qualified, in their ASYE year),
// agency or permanent (about one in six are agency, as in England's children's social care workforce
// statistics), hours, and who manages them: team managers report to a head of service (a senior
// leader); everyone else to their team's manager.
import type { Insertable } from 'kysely';
import type { Role } from '../../access/roles.ts';
import type { WorkerProfileTable } from '../../workforce/tables.ts';
import { isoOf } from '../dates.ts';
import type { SynthWorkerProfile } from '../context.ts';
import type { Stage } from '../stages.ts';

/** Roles held by qualified social workers (personal advisers need not be). */
const QUALIFIED_ROLES: readonly Role[] = ['social_worker', 'team_manager', 'front_door_worker', 'iro'];
const STAFF_ROLES: readonly Role[] = [...QUALIFIED_ROLES, 'personal_adviser', 'performance_analyst', 'senior_leader', 'administrator'];

export const workforce: Stage = {
  name: 'workforce',
  async run(ctx) {
    const { rng, council, todayDay } = ctx;
    const heads = council.workers.filter((w) => w.role === 'senior_leader' && w.active);
    const rows: Insertable<WorkerProfileTable>[] = [];
    let newlyQualified = 0;
    let agency = 0;
    for (const worker of council.workers) {
      if (!STAFF_ROLES.includes(worker.role) || worker.id === council.migrationUserId) continue;
      const qualified = QUALIFIED_ROLES.includes(worker.role);
      // About 1 in 8 social workers started within a year of qualifying; managers and IROs qualified years before.
      const fresh = qualified && worker.role === 'social_worker' && rng.chance(0.12);
      const qualifiedOn = !qualified ? null : fresh ? worker.startedOn - rng.int(0, 60) : worker.startedOn - rng.int(worker.role === 'social_worker' ? 0 : 1_500, 5_000);
      // ASYE takes a year; the newly qualified who started recently have not finished it.
      const asyeDue = qualifiedOn === null ? null : qualifiedOn + rng.int(330, 420);
      const asyeCompletedOn = asyeDue !== null && asyeDue <= todayDay ? asyeDue : null;
      if (qualifiedOn !== null && asyeCompletedOn === null && worker.active && todayDay - qualifiedOn < 365) newlyQualified++;
      const employment = worker.role === 'social_worker' && rng.chance(0.17) ? 'agency' : rng.chance(0.04) ? 'fixed_term' : 'permanent';
      if (employment === 'agency') agency++;
      const profile: SynthWorkerProfile = {
        qualifiedOn,
        asyeCompletedOn,
        employment,
        fte: rng.chance(0.85) ? 1 : rng.pick([0.6, 0.8, 0.9]),
        lineManagerId: worker.role === 'team_manager' && heads.length ? rng.pick(heads).id : null,
      };
      worker.profile = profile;
      rows.push({
        user_id: worker.id,
        qualified_on: qualifiedOn === null ? null : isoOf(qualifiedOn),
        asye_completed_on: asyeCompletedOn === null ? null : isoOf(asyeCompletedOn),
        employment,
        started_on: isoOf(worker.startedOn),
        fte: profile.fte,
        line_manager_id: profile.lineManagerId,
        left_on: worker.leftOn !== null && worker.leftOn >= worker.startedOn ? isoOf(worker.leftOn) : null,
        recorded_by: council.migrationUserId,
      });
    }
    await ctx.insert('worker_profile', rows);
    ctx.log(`${rows.length} staff profiles: ${newlyQualified} newly qualified, ${agency} agency`);
  },
};
