// Entries a worker adds to a child's chronology by hand: history from before Lantern (written up
// from the previous system's files) and information partner agencies passed on. Each entry also
// goes into the child's journal, as the chronology service would write it. One child gets a very
// long history (about 1,000 journal events) for the benchmark, named in council_setting
// 'synth.longHistoryChild'.
import type { Insertable } from 'kysely';
import { CATEGORY_OF_ABUSE } from '../../codes/index.ts';
import type { ChildEventTable, ChronologyEntryTable } from '../../db/schema.ts';
import { serviceOn, type SynthChild } from '../context.ts';
import { isoOf as isoDate } from '../dates.ts';
import type { Random } from '../random.ts';
import type { Stage } from '../stages.ts';
import { midSentence } from '../../server/format.ts';

type Significance = 'high' | 'normal' | 'low';
interface Template {
  source: string;
  title: string;
  detail: string;
  significance: Significance;
}

const PREVIOUS_SYSTEM = 'Previous case record system';
const t = (title: string, detail: string, significance: Significance = 'normal', source = PREVIOUS_SYSTEM): Template => ({ source, title, detail, significance });
const REFERRERS = ['the school', 'the health visitor', 'the police', 'a neighbour', 'the GP', 'a relative', 'the midwife'] as const;

/** History written up from the previous system, following what the child actually had before. */
function historyOf(rng: Random, child: SynthChild, goLive: number): { day: number; template: Template }[] {
  const out: { day: number; template: Template }[] = [];
  const add = (day: number, template: Template) => {
    if (day >= child.dateOfBirth && day < goLive) out.push({ day, template });
  };
  child.periods.forEach((p, i) => {
    if (p.from >= goLive) return;
    const next = child.periods[i + 1];
    const ended = p.to !== null && p.to < goLive ? p.to : null;
    switch (p.service) {
      case 'early-help':
        add(p.from, t('Early help episode started', 'Family support worker allocated after a team around the family meeting.'));
        if (ended !== null) add(ended, t('Early help closed', 'Closed when the family plan’s goals were met.'));
        break;
      case 'assessment':
        add(p.from, t('Referral to children’s social care', `Referral from ${rng.pick(REFERRERS)}. The original referral is on the paper file.`, 'high'));
        if (ended !== null) {
          add(ended, next && next.from === ended + 1
            ? t('Assessment completed: services needed', 'Child and family assessment recommended a plan of support.', 'high')
            : t('Assessment completed: no further action', 'Needs could be met by universal services.'));
        }
        break;
      case 'safeguarding':
        if (p.level === 'child-protection') {
          add(p.from - rng.int(7, 20), t('Strategy discussion held', 'Agreed to start section 47 enquiries.', 'high'));
          const category = midSentence(rng.pick(CATEGORY_OF_ABUSE.filter((c) => c.code !== 'MUL')).label);
          add(p.from, t(`Child protection plan started (category: ${category})`, 'Conference minutes are on the paper file.', 'high'));
          if (ended !== null) add(ended, t('Child protection plan ended', 'Plan ended at the review conference.', 'high'));
        } else {
          add(p.from, t('Child in need plan agreed', 'Plan agreed with the family at the child in need meeting.'));
          if (ended !== null) add(ended, t('Child in need plan ended', 'Outcomes achieved; case closed.'));
        }
        break;
      case 'looked-after': {
        add(p.from, t('Became looked after', 'Placed with foster carers; details of the placement are in the previous system.', 'high'));
        const last = Math.min(ended ?? goLive - 1, goLive - 1);
        // Reviews within 20 working days (about four weeks), then three months later, then six-monthly.
        for (let review = p.from + 28, n = 0; review <= last; review += n === 0 ? 91 : 182, n++) {
          add(review, t('Looked after review held', 'Chaired by the IRO; care plan confirmed.'));
        }
        for (const spell of child.addresses) {
          if (spell.from > p.from && spell.from <= last) add(spell.from, t('Change of placement', 'Moved to a new placement; the reason is recorded on the paper file.'));
        }
        if (ended !== null && !(next && next.service === 'leaving-care')) add(ended, t('Ceased to be looked after', 'Returned home to family.', 'high'));
        break;
      }
      case 'leaving-care':
        add(p.from, t('Eighteenth birthday: care leaver', 'Pathway plan in place; personal adviser allocated.', 'high'));
        break;
    }
  });
  return out;
}

/** History that fits any child: things the council learnt from others or did briefly. */
function generalHistory(rng: Random): Template {
  return rng.pick([
    t('Referral: no further action', `Referral from ${rng.pick(REFERRERS)}; information and advice given.`),
    t('Known to another local authority', 'The family moved into Brightwater; the previous authority shared its chronology.', 'normal', 'Another local authority'),
    t('Health visitor concerns about home conditions', 'From the health visitor’s letter on the paper file.', 'normal', 'Health visitor'),
    t('Police notification: domestic incident', 'Historic notification held on the paper file.', 'normal', 'Police'),
  ]);
}

/** The everyday record of a long time in care (for the long-history child). */
function careRoutine(rng: Random): Template {
  return rng.pick([
    t('Statutory visit', 'Seen alone in placement; the child said they were settled.', 'low'),
    t('Family time with mother', 'Supervised family time at the contact centre.', 'low'),
    t('Personal education plan meeting', 'Targets agreed with the designated teacher.', 'low'),
    t('Review health assessment', 'Completed by the looked after children’s nurse.', 'low'),
    t('Missing from placement', 'Returned the same evening; return interview offered.', 'high'),
    t('Supervision discussion', 'Case discussed in supervision; plan unchanged.', 'low'),
  ]);
}

function partnerTemplate(rng: Random): Template {
  return rng.pick<Template>([
    t('Police attended a domestic abuse incident at the home', 'Notification from the police; the child was present in the house.', 'high', 'Police'),
    t('Police: child reported missing and found', 'Reported missing in the evening; found safe the next morning.', 'high', 'Police'),
    t('Police: adult in the household arrested', 'Arrested on suspicion of a drugs offence; released under investigation.', 'normal', 'Police'),
    t('School: attendance below 85% this term', 'Attendance officer has written to the parents.', 'normal', 'School'),
    t('School: child arrived hungry and unkempt', 'Third time this half term; breakfast club offered.', 'normal', 'School'),
    t('School: disclosure to class teacher', 'The designated safeguarding lead has made a referral.', 'high', 'School'),
    t('Health visitor: missed developmental review', 'Two appointments missed; health visitor will try a home visit.', 'normal', 'Health visitor'),
    t('GP: immunisations overdue', 'Practice nurse has sent reminders.', 'low', 'GP'),
    t('GP: parent attended with low mood', 'Referred to talking therapies.', 'normal', 'GP'),
    t('Emergency department attendance with an injury', 'Explanation consistent with the injury; information shared for awareness.', 'normal', 'Emergency department'),
    t('Housing: notice seeking possession for rent arrears', 'Family at risk of eviction; housing officer offering support.', 'normal', 'Housing'),
    t('Probation: adult in the household released from custody', 'Licence conditions include no unsupervised contact with children.', 'high', 'Probation'),
    t('Youth justice: out-of-court disposal', 'Community resolution; youth worker allocated.', 'normal', 'Youth justice'),
  ]);
}

/** About this many journal events for the benchmark child. */
const LONG_HISTORY_EVENTS = 1_000;

export const chronologyHistory: Stage = {
  name: 'chronology-history',
  async run(ctx) {
    const { rng, council, todayDay: T, goLiveDay: G } = ctx;
    const entries: Insertable<ChronologyEntryTable>[] = [];
    const events: Insertable<ChildEventTable>[] = [];

    const add = (child: SynthChild, kind: 'history' | 'partner', day: number, template: Template) => {
      // History is written up from the old files once the child's record is in Lantern; partner
      // information is typed in by the front door or the allocated team a day or two after it came.
      const recordedOn = kind === 'history' ? Math.min(T, Math.max(G, child.cameToNotice) + rng.int(0, 60)) : Math.min(T, day + rng.skewed(0, 5, 2));
      const recordedBy = council.workerOn(rng, serviceOn(child.periods, recordedOn), recordedOn).id;
      const recordedAt = ctx.stamp(recordedOn);
      const id = rng.uuid();
      entries.push({
        id,
        child_id: child.id,
        occurred_on: isoDate(day),
        kind,
        source: template.source,
        title: template.title,
        detail: template.detail,
        significance: template.significance,
        recorded_by: recordedBy,
        recorded_at: recordedAt,
      });
      events.push(
        ctx.eventRow({
          childId: child.id,
          type: kind === 'history' ? 'chronology.history' : 'chronology.partner',
          occurredOn: day,
          sourceTable: 'chronology_entry',
          sourceId: id,
          title: template.title,
          detail: template.detail,
          significance: template.significance,
          recordedBy,
          recordedAt,
        }),
      );
    };

    for (const child of council.children) {
      if (child.longHistory) continue;
      if (child.cameToNotice < G) {
        // Known before Lantern: what the previous system held, and a little from elsewhere.
        for (const { day, template } of historyOf(rng, child, G)) add(child, 'history', day, template);
        for (let i = rng.int(0, 2); i > 0; i--) add(child, 'history', rng.int(child.dateOfBirth, G - 1), generalHistory(rng));
      } else if (child.dateOfBirth < G - 180 && rng.chance(0.1)) {
        for (let i = rng.int(1, 3); i > 0; i--) add(child, 'history', rng.int(Math.max(child.dateOfBirth, G - 10 * 365), G - 1), generalHistory(rng));
      }
      const partnerFrom = Math.max(child.cameToNotice, G);
      const partner = child.periods.length ? (rng.chance(0.3) ? rng.int(1, 4) : 0) : rng.chance(0.08) ? 1 : 0;
      for (let i = 0; i < partner; i++) add(child, 'partner', rng.int(partnerFrom, T), partnerTemplate(rng));
    }

    const long = council.longHistoryChild;
    let longEvents = 0;
    if (long) {
      const already = await ctx.db
        .selectFrom('child_event')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('child_id', '=', long.id)
        .executeTakeFirstOrThrow();
      const wanted = Math.max(0, LONG_HISTORY_EVENTS - Number(already.n));
      const partner = Math.round(wanted * 0.45);
      const history = historyOf(rng, long, G);
      const care = long.periods.find((p) => p.service === 'looked-after');
      const routineFrom = care ? care.from : long.dateOfBirth;
      while (history.length < wanted - partner) history.push({ day: rng.int(routineFrom, G - 1), template: careRoutine(rng) });
      for (const { day, template } of history) add(long, 'history', day, template);
      for (let i = 0; i < partner; i++) add(long, 'partner', rng.int(G, T), partnerTemplate(rng));
      longEvents = Number(already.n) + history.length + partner;
      await ctx.insert('council_setting', [
        {
          key: 'synth.longHistoryChild',
          value: JSON.stringify({ childId: long.id, laChildId: long.laChildId, name: `${long.firstName} ${long.lastName}`, events: longEvents }),
        },
      ]);
    }

    await ctx.insert('chronology_entry', entries);
    await ctx.insert('child_event', events);
    const historyCount = entries.filter((e) => e.kind === 'history').length;
    ctx.log(
      `${entries.length} chronology entries (${historyCount} history before Lantern, ${entries.length - historyCount} from partners)` +
        (long ? `; long history: ${long.laChildId} with ${longEvents} journal events` : ''),
    );
  },
};
