// A timescale is data: what starts it, when it falls due, what meets it, what stops it, and where
// the duty comes from. The same rule drives the worker's to-do list and the timeliness figure.
// 'school_days' and 'terms' count on the school calendar (src/calendar/school-terms.ts; decision 0013):
// n terms is the last day of the n-th term after the one the start falls in.
export type DueUnit = 'working_days' | 'days' | 'weeks' | 'months' | 'school_days' | 'terms';

export interface TimescaleRule {
  id: string;
  /** What must happen, as a worker would say it: "Initial child protection conference". */
  title: string;
  /** Event types that start the clock. */
  startsOn: readonly string[];
  /** Event types that meet it. */
  satisfiedBy: readonly string[];
  /**
   * Event types that end it unmet without it being late (the plan ended, the episode closed). A type
   * that is also in `satisfiedBy` meets the running clock and ends the chain: no next one is owed
   * (an exploitation risk assessment that finds no risk).
   */
  stoppedBy?: readonly string[];
  due: { unit: DueUnit; amount: number };
  /** 'scope': only an event in the same episode, enquiry or plan meets it; 'child': any for the child. */
  match: 'scope' | 'child';
  /** Starts again from the event that met it (visits, reviews, core groups). */
  recurring?: boolean;
  /** When recurring, the interval after the first (a first review at 3 months, then every 6). */
  then?: { unit: DueUnit; amount: number };
  /** When recurring, the interval from the third on (looked-after reviews: 20 working days, 3 months, then 6). */
  thereafter?: { unit: DueUnit; amount: number };
  /**
   * A longer interval once a chain started by one of `startsOn` has run for `after` (CPPCR reg 28(2):
   * visits every 3 months after the first year of a placement meant to last until the child is 18).
   */
  /**
   * The interval after an event of one of these types, whatever link of the chain it starts (review
   * health assessments: 6-monthly after one before the 5th birthday, yearly after one from 5). An
   * interval with a `settingKey` may be tightened by that council setting, never loosened.
   */
  intervalAfter?: Readonly<Record<string, { unit: DueUnit; amount: number; settingKey?: string }>>;
  /**
   * Events that bring a running clock's due date forward to `due` from them, never back (a care leaver's
   * move into new accommodation: the personal adviser visits within 7 days, even mid-way through the
   * 2-monthly interval). With no clock running they start one only if they are also in `startsOn`.
   */
  tightenedBy?: readonly string[];
  /**
   * A different interval from the first of `events` (for the child, any scope) on or after the chain
   * began: CPPCR reg 28(3)-(4), weekly visits until the first looked-after review, then 6- or 4-weekly.
   * That event also moves the running clock's due date to `interval` after the clock started.
   */
  untilFirst?: { events: readonly string[]; interval: { unit: DueUnit; amount: number } };
  settled?: { startsOn: readonly string[]; after: { unit: DueUnit; amount: number }; interval: { unit: DueUnit; amount: number } };
  /**
   * The duty is owed to a child and ends at this birthday (decision 0049). The engine reads the
   * birthday as a derived milestone (`comingOfAge`): no clock starts on or after it, and a running
   * clock that would fall due on or after it is stopped that day (never owed). One already overdue
   * stays unmet in the figures (missed while a child); the due lists leave it out from the birthday.
   */
  endsAtAge?: number;
  /**
   * A manager's timescale (management oversight, decision 0021): listed on the manager's oversight list
   * and panel, not in the workers' due lists.
   */
  managers?: boolean;
  /** Statutory source, with paragraph where known. */
  source: string;
  /** A council may set a shorter interval in its settings, never a longer one. */
  councilMayTighten: boolean;
  /** The council setting that tightens it. */
  settingKey?: string;
}
