// The SSDA903 tables about the child rather than a dated event: UASC (the flag and the date the status
// ceased, decision 0041), PrevPerm (on the period of care that began in the year), OC3 (the care
// leaver at a birthday) and OC2 (health and offending outcomes, which Lantern keeps as dated checks or
// does not hold). Each row is created, already in Lantern, or rejected with the reason (decision 0040).
import { randomUUID } from 'node:crypto';
import { updateRecord } from '../../db/history.ts';
import { addMonths } from '../../calendar/index.ts';
import { CARE_LEAVER_ACCOMMODATION, CARE_LEAVER_ACTIVITY, CARE_LEAVER_IN_TOUCH, PERMANENCE_COUNCIL, PREVIOUS_PERMANENCE } from '../../codes/ssda903.ts';
import { eighteenthBirthday } from '../../people/uasc.ts';
import { previousPermanenceTitle } from '../../looked-after/previous-permanence.ts';
import type { Ssda903Oc2, Ssda903Oc3, Ssda903PrevPerm } from '../ssda903/model.ts';
import type { Row903 } from './read-ssda903-tables.ts';
import { codeIn, heldDifferently, type Writer903 } from './ssda903-writer.ts';

const UASC_TITLE = 'Unaccompanied asylum-seeking child status ceased';

/** UASC: a child created by this import takes the flag and the date; a child held before is not changed, but a missing date is filled. */
export async function importUasc(w: Writer903, rows: Row903<{ duc: string | null }>[]): Promise<void> {
  for (const { row, value, problem } of rows) {
    const where = `UASC row ${row}`;
    if (problem) { w.rejected('uasc', where, problem); continue; }
    const duc = value.duc;
    // Rules 303 and 304: the status ceases after birth and by the 18th birthday, not in the future.
    if (duc && (duc < w.dob || duc > eighteenthBirthday(w.dob) || duc > w.today)) {
      w.rejected('uasc', where, `DUC ${duc} is not between the child’s birth and their 18th birthday (${eighteenthBirthday(w.dob)}), or is in the future`);
      continue;
    }
    const held = await w.tx.selectFrom('person').select(['unaccompanied_asylum_seeker', 'uasc_ceased_on']).where('id', '=', w.childId).executeTakeFirstOrThrow();
    if (held.unaccompanied_asylum_seeker && held.uasc_ceased_on === duc) { w.already('uasc'); continue; }
    if (!held.unaccompanied_asylum_seeker && !w.createdNow) {
      w.rejected('uasc', where, 'The child is already in Lantern and not recorded as an unaccompanied asylum-seeking child: a child held is not changed by an import; change their details in Lantern');
      continue;
    }
    if (held.uasc_ceased_on !== null) { w.rejected('uasc', where, heldDifferently('the date UASC status ceased', held.uasc_ceased_on, duc ?? 'none')); continue; }
    await updateRecord(w.tx, 'person', w.childId, { unaccompanied_asylum_seeker: true, uasc_ceased_on: duc }, w.actor);
    if (duc) await w.event('person.uasc-ceased', duc, 'person', w.childId, null, `${UASC_TITLE} (imported)`);
    w.created('uasc');
  }
}

/** PrevPerm: on the latest period of care that began in the year (the one the return writes it from). */
export async function importPrevPerm(w: Writer903, rows: Row903<Ssda903PrevPerm>[]): Promise<void> {
  for (const { row, value: p, problem } of rows) {
    const where = `PrevPerm row ${row}`;
    if (problem) { w.rejected('prevPerm', where, problem); continue; }
    const wrong = !codeIn(PREVIOUS_PERMANENCE, p.prevPerm)
      ? `PREV_PERM “${p.prevPerm}” is not a code (P1-P4, Z1)`
      : p.prevPerm === 'Z1' && (p.laPerm || p.datePerm)
        ? 'Z1 (no previous permanence) with a council or a date (rule 635)'
        : p.laPerm && p.laPerm !== '999' && !PERMANENCE_COUNCIL.test(p.laPerm)
          ? `LA_PERM “${p.laPerm}” is not a 3-digit LA code or NIR, SCO, WAL, NUK, 999 (rule 633)`
          : p.datePerm && p.datePerm < w.dob
            ? 'DATE_PERM is before the child’s DOB'
            : null;
    if (wrong) { w.rejected('prevPerm', where, wrong); continue; }
    if (!w.year) { w.rejected('prevPerm', where, 'The collection year is needed to find the period of care that began in it'); continue; }
    const period = await w.tx
      .selectFrom('care_period')
      .select(['id', 'started_on', 'previous_permanence', 'previous_permanence_la', 'previous_permanence_on'])
      .where('child_id', '=', w.childId)
      .where('deleted_at', 'is', null)
      .where('started_on', '>=', w.year.start)
      .where('started_on', '<=', w.year.end)
      .orderBy('started_on', 'desc')
      .executeTakeFirst();
    if (!period) { w.rejected('prevPerm', where, 'No period of care in Lantern that began in the year: previous permanence belongs to the period of care a child started in it (rule 634)'); continue; }
    if (p.datePerm && p.datePerm >= period.started_on) { w.rejected('prevPerm', where, `DATE_PERM must be before the child came into care (${period.started_on}; rule 632)`); continue; }
    const said = `${p.prevPerm} ${p.laPerm ?? ''} ${p.datePerm ?? ''}`.trim();
    if (period.previous_permanence !== null) {
      const held = `${period.previous_permanence} ${period.previous_permanence_la ?? ''} ${period.previous_permanence_on ?? ''}`.trim();
      if (held === said) w.already('prevPerm');
      else w.rejected('prevPerm', where, heldDifferently(`the previous permanence of the period from ${period.started_on}`, held, said));
      continue;
    }
    await updateRecord(w.tx, 'care_period', period.id, { previous_permanence: p.prevPerm, previous_permanence_la: p.laPerm, previous_permanence_on: p.datePerm }, w.actor);
    const significance = ['P1', 'P2', 'P3'].includes(p.prevPerm) ? 'high' : 'low';
    await w.event('care.previous-permanence', p.datePerm ?? period.started_on, 'care_period', period.id, period.id, `${previousPermanenceTitle(p.prevPerm, p.laPerm, p.datePerm)} (imported)`, significance);
    w.created('prevPerm');
  }
}

/** OC3: the care leaver at the 17th to 21st birthday that falls in the collection year. */
export async function importOc3(w: Writer903, rows: Row903<Ssda903Oc3>[]): Promise<void> {
  for (const { row, value: o, problem } of rows) {
    const where = `OC3 row ${row}`;
    if (problem) { w.rejected('oc3', where, problem); continue; }
    const wrong = !codeIn(CARE_LEAVER_IN_TOUCH, o.inTouch)
      ? `IN_TOUCH “${o.inTouch}” is not a code`
      : !codeIn(CARE_LEAVER_ACTIVITY, o.activ)
        ? `ACTIV “${o.activ}” is not a code`
        : !codeIn(CARE_LEAVER_ACCOMMODATION, o.accom)
          ? `ACCOM “${o.accom}” is not a code`
          : null;
    if (wrong) { w.rejected('oc3', where, wrong); continue; }
    if (!w.year) { w.rejected('oc3', where, 'The collection year is needed to know which birthday the row is about'); continue; }
    const age = [17, 18, 19, 20, 21].find((a) => addMonths(w.dob, a * 12) >= w.year!.start && addMonths(w.dob, a * 12) <= w.year!.end);
    if (age === undefined) { w.rejected('oc3', where, 'The child has no 17th to 21st birthday in the collection year: OC3 is about a care leaver at one'); continue; }
    const birthday = addMonths(w.dob, age * 12);
    if (birthday > w.today) { w.rejected('oc3', where, `The ${age}th birthday (${birthday}) has not happened yet`); continue; }
    const held = await w.tx.selectFrom('care_leaver_birthday').select(['in_touch', 'activity', 'accommodation']).where('child_id', '=', w.childId).where('age', '=', age).where('deleted_at', 'is', null).executeTakeFirst();
    if (held) {
      const h = `${held.in_touch}/${held.activity}/${held.accommodation}`;
      if (h === `${o.inTouch}/${o.activ}/${o.accom}`) w.already('oc3');
      else w.rejected('oc3', where, heldDifferently(`the ${age}th birthday`, h, `${o.inTouch}/${o.activ}/${o.accom}`));
      continue;
    }
    const id = randomUUID();
    await w.tx.insertInto('care_leaver_birthday').values({ id, child_id: w.childId, age, recorded_on: birthday, in_touch: o.inTouch, activity: o.activ, accommodation: o.accom, recorded_by: w.actor }).execute();
    await w.event('care-leaver.birthday', birthday, 'care_leaver_birthday', id, null, `At ${age}: in touch ${o.inTouch}, activity ${o.activ}, accommodation ${o.accom} (imported)`);
    w.created('oc3');
  }
}

/** The OC2 items Lantern does not hold at all (decision 0030's blank list). */
const OC2_NOT_HELD = ['CONVICTED', 'HEALTH_CHECK', 'SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'];

/**
 * OC2 says whether checks happened in the year, not when. Lantern keeps each assessment, dental
 * check, immunisation check and SDQ on the day it was done (their timeliness is counted from it), so
 * it cannot hold them without inventing a day: the row is rejected, item by item, with why.
 */
export function importOc2(w: Writer903, rows: Row903<Ssda903Oc2>[]): void {
  for (const { row, value: o, problem } of rows) {
    const where = `OC2 row ${row}`;
    if (problem) { w.rejected('oc2', where, problem); continue; }
    const given = ([['SDQ_SCORE', o.sdqScore], ['SDQ_REASON', o.sdqReason], ['IMMUNISATIONS', o.immunisations], ['TEETH_CHECK', o.teethCheck], ['HEALTH_ASSESSMENT', o.healthAssessment]] as const).filter(([, v]) => v !== null).map(([k]) => k);
    const notHeld = OC2_NOT_HELD.filter((k) => {
      const v = { CONVICTED: o.convicted, HEALTH_CHECK: o.healthCheck, SUBSTANCE_MISUSE: o.substanceMisuse, INTERVENTION_RECEIVED: o.interventionReceived, INTERVENTION_OFFERED: o.interventionOffered }[k];
      return v !== null && v !== undefined;
    });
    const parts = [
      given.length ? `${given.join(', ')}: Lantern keeps each health check on the day it was done, which OC2 does not give; record them on the child’s health page` : null,
      notHeld.length ? `${notHeld.join(', ')}: not held by Lantern` : null,
    ].filter((x) => x !== null);
    w.rejected('oc2', where, parts.length ? parts.join('; ') : 'The row gives no item');
  }
}
