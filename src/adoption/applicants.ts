// Each applicant of a prospective adopter household, recorded on the household's page: the name, sex,
// ethnicity (the children's list) and whether they have a disability. Annex A list 11 is one row per
// adopter and asks each one's gender, ethnicity and disability (decision 0055). A correction keeps the
// version it replaced (record_version), as the household's own record does.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { updateRecord, type Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { ETHNICITY, SEX } from '../codes/cin-census.ts';
import { ADOPTERS_SEX } from '../codes/ssda903.ts';
import { labelFor } from '../codes/code-list.ts';
import { RuleBroken } from '../server/errors.ts';
import { householdById } from './households.ts';
import { adoptersSexOf } from './adopters-sex.ts';
import type { ApplicantInput } from './schemas.ts';

export function applicantsOf(db: Db, householdId: string) {
  return db.selectFrom('adopter_applicant').selectAll().where('household_id', '=', householdId).where('deleted_at', 'is', null).orderBy('position').execute();
}

/**
 * Records or corrects applicant 1 or 2. A household of one has no second applicant; once both sexes
 * are known they must agree with the sexes the household's record gives the SSDA903 return (AD1).
 */
export async function saveApplicant(db: Kysely<Database>, user: SignedInUser, householdId: string, position: number, input: ApplicantInput): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const h = await householdById(tx, householdId, { lock: true });
    if (position > h.applicants) throw new RuleBroken('One person is applying: correct the household to two applicants first', 'name');
    const others = (await applicantsOf(tx, householdId)).filter((a) => a.position !== position);
    const sexes = [...others.map((a) => a.sex), input.sex];
    const derived = adoptersSexOf(h.applicants, sexes);
    if (derived && h.adopters_sex && derived !== h.adopters_sex) {
      throw new RuleBroken(`The household’s record gives the applicants’ sexes as “${labelFor(ADOPTERS_SEX, h.adopters_sex)}”: correct that first, or this applicant’s sex`, 'sex');
    }
    const existing = await tx.selectFrom('adopter_applicant').select('id').where('household_id', '=', householdId).where('position', '=', position).where('deleted_at', 'is', null).executeTakeFirst();
    const values = { name: input.name, sex: input.sex, ethnicity: input.ethnicity, disabled: input.disabled };
    if (existing) {
      await updateRecord(tx, 'adopter_applicant', existing.id, values, user.id);
      return existing.id;
    }
    const id = randomUUID();
    await tx.insertInto('adopter_applicant').values({ id, household_id: householdId, position, ...values, recorded_by: user.id }).execute();
    return id;
  });
}

/** What the household's page shows of each applicant, recorded or not. */
export function applicantRows(applicants: number, recorded: Awaited<ReturnType<typeof applicantsOf>>) {
  return Array.from({ length: applicants }, (_, i) => {
    const a = recorded.find((r) => r.position === i + 1) ?? null;
    return {
      position: i + 1,
      recorded: a !== null,
      name: a?.name ?? null,
      sex: a?.sex ? (labelFor(SEX, a.sex) ?? a.sex) : 'Not recorded',
      ethnicity: a?.ethnicity ? (labelFor(ETHNICITY, a.ethnicity) ?? a.ethnicity) : 'Not recorded',
      disability: a === null || a.disabled === null ? 'Not known' : a.disabled ? 'Yes' : 'No',
    };
  });
}
