// Every kind of event that goes into a child's journal: how the chronology files it and how much it
// matters by default. A service area adds its event types here as it starts recording them.
export type Significance = 'high' | 'normal' | 'low';

export const CATEGORIES = {
  history: 'History before Lantern',
  partner: 'Information from partners',
  'front-door': 'Front door',
  'early-help': 'Early help',
  referral: 'Referral and episode',
  assessment: 'Assessment',
  protection: 'Child protection',
  'child-in-need': 'Child in need',
  visit: 'Visits',
  plan: 'Plans',
  court: 'Pre-proceedings and court',
  care: 'Children in care',
  missing: 'Missing and return interviews',
  record: 'Record changes',
  note: 'Case notes',
  family: 'Family and household',
} as const;

export type Category = keyof typeof CATEGORIES;

interface EventTypeDefinition {
  label: string;
  category: Category;
  significance: Significance;
}

const define = <T extends Record<string, EventTypeDefinition>>(types: T) => types;

export const EVENT_TYPES = define({
  'person.created': { label: 'Record created', category: 'record', significance: 'low' },
  'person.merged': { label: 'Duplicate record merged', category: 'record', significance: 'normal' },
  'person.died': { label: 'Death recorded', category: 'record', significance: 'high' },
  'allocation.started': { label: 'Worker allocated', category: 'record', significance: 'low' },
  'allocation.ended': { label: 'Allocation ended', category: 'record', significance: 'low' },
  'relationship.added': { label: 'Relationship recorded', category: 'family', significance: 'low' },
  'address.changed': { label: 'Moved address', category: 'family', significance: 'normal' },
  'chronology.history': { label: 'History before Lantern', category: 'history', significance: 'normal' },
  'chronology.partner': { label: 'Information from a partner agency', category: 'partner', significance: 'normal' },
  'chronology.note': { label: 'Significant event', category: 'note', significance: 'normal' },
  'case-note.recorded': { label: 'Case note', category: 'note', significance: 'low' },
  'contact.received': { label: 'Contact received', category: 'front-door', significance: 'normal' },
  'contact.decided': { label: 'Contact decision', category: 'front-door', significance: 'normal' },
  'contact.referrer-informed': { label: 'Referrer told the outcome', category: 'front-door', significance: 'low' },
  'contact.check-asked': { label: 'Checks asked of another agency', category: 'front-door', significance: 'low' },
  'contact.check-answered': { label: 'Another agency answered checks', category: 'front-door', significance: 'low' },
  'contact.second-look': { label: 'Second look at a contact decision', category: 'front-door', significance: 'normal' },
  'early-help.started': { label: 'Early help started', category: 'early-help', significance: 'normal' },
  'early-help.assessment-started': { label: 'Early help assessment started', category: 'early-help', significance: 'low' },
  'early-help.plan-started': { label: 'Early help plan started', category: 'early-help', significance: 'normal' },
  'early-help.assessment-completed': { label: 'Early help assessment completed', category: 'early-help', significance: 'normal' },
  'early-help.meeting-held': { label: 'Team around the family meeting', category: 'early-help', significance: 'low' },
  'early-help.stepped-up': { label: 'Stepped up to social care', category: 'early-help', significance: 'high' },
  'early-help.stepped-down': { label: 'Stepped down to early help', category: 'early-help', significance: 'high' },
  'early-help.closed': { label: 'Early help closed', category: 'early-help', significance: 'normal' },
  'referral.received': { label: 'Referral to children’s social care', category: 'referral', significance: 'high' },
  'episode.closed': { label: 'Case closed', category: 'referral', significance: 'high' },
  'assessment.started': { label: 'Assessment started', category: 'assessment', significance: 'normal' },
  'assessment.completed': { label: 'Assessment completed', category: 'assessment', significance: 'high' },
  'assessment.authorised': { label: 'Assessment authorised by manager', category: 'assessment', significance: 'normal' },
  'strategy.discussion': { label: 'Strategy discussion', category: 'protection', significance: 'high' },
  's47.initiated': { label: 'Section 47 enquiry started', category: 'protection', significance: 'high' },
  's47.ended-without-conference': { label: 'Section 47 enquiry ended: no conference', category: 'protection', significance: 'high' },
  's47.completed': { label: 'Section 47 enquiry completed', category: 'protection', significance: 'normal' },
  'icpc.held': { label: 'Initial child protection conference', category: 'protection', significance: 'high' },
  'cp-plan.started': { label: 'Child protection plan started', category: 'protection', significance: 'high' },
  'cp-review.held': { label: 'Child protection review conference', category: 'protection', significance: 'high' },
  'core-group.held': { label: 'Core group meeting', category: 'protection', significance: 'normal' },
  'cp-plan.ended': { label: 'Child protection plan ended', category: 'protection', significance: 'high' },
  'visit.cp': { label: 'Visit (child protection)', category: 'visit', significance: 'normal' },
  'visit.cin': { label: 'Visit (child in need)', category: 'visit', significance: 'normal' },
  'visit.other': { label: 'Visit', category: 'visit', significance: 'low' },
  'cin-plan.started': { label: 'Child in need plan started', category: 'child-in-need', significance: 'high' },
  'cin-meeting.held': { label: 'Child in need meeting', category: 'child-in-need', significance: 'normal' },
  'cin-plan.ended': { label: 'Child in need plan ended', category: 'child-in-need', significance: 'high' },
  'plan.changed': { label: 'Plan updated', category: 'plan', significance: 'low' },
  'written-agreement.made': { label: 'Written agreement', category: 'plan', significance: 'normal' },
  'care.started': { label: 'Started to be looked after', category: 'care', significance: 'high' },
  'care.ended': { label: 'Ceased to be looked after', category: 'care', significance: 'high' },
  'legal-status.changed': { label: 'Legal status changed', category: 'care', significance: 'high' },
  'placement.started': { label: 'Placement started', category: 'care', significance: 'high' },
  'placement.started-long-term': { label: 'Placement started (meant to last until 18)', category: 'care', significance: 'high' },
  'placement.ended': { label: 'Placement ended', category: 'care', significance: 'normal' },
  'placement-plan.agreed': { label: 'Placement plan agreed', category: 'care', significance: 'low' },
  'placement.notified': { label: 'Placement notified', category: 'care', significance: 'low' },
  'care-plan.started': { label: 'Care plan started', category: 'care', significance: 'normal' },
  'care-plan.ended': { label: 'Care plan ended', category: 'care', significance: 'normal' },
  'looked-after-review.held': { label: 'Looked-after review', category: 'care', significance: 'high' },
  'visit.looked-after': { label: 'Visit (child in care)', category: 'visit', significance: 'normal' },
  'missing.started': { label: 'Went missing', category: 'missing', significance: 'high' },
  'missing.returned': { label: 'Returned after going missing', category: 'missing', significance: 'high' },
  'return-interview.done': { label: 'Return interview', category: 'missing', significance: 'normal' },
  'return-interview.declined': { label: 'Return interview declined', category: 'missing', significance: 'normal' },
  'return-interview.not-reached': { label: 'Return interview: child not reached', category: 'missing', significance: 'low' },
  'legal-planning.held': { label: 'Legal planning meeting', category: 'court', significance: 'high' },
  'pre-proceedings.started': { label: 'Letter before proceedings', category: 'court', significance: 'high' },
  'pre-proceedings.meeting': { label: 'Pre-proceedings meeting', category: 'court', significance: 'normal' },
  'pre-proceedings.ended': { label: 'Pre-proceedings ended', category: 'court', significance: 'normal' },
  'proceedings.issued': { label: 'Care proceedings issued', category: 'court', significance: 'high' },
  'proceedings.hearing': { label: 'Court hearing', category: 'court', significance: 'normal' },
  'proceedings.order': { label: 'Court order made', category: 'court', significance: 'high' },
  'proceedings.concluded': { label: 'Care proceedings concluded', category: 'court', significance: 'high' },
});

export type EventType = keyof typeof EVENT_TYPES;

export const isEventType = (value: string): value is EventType => Object.hasOwn(EVENT_TYPES, value);
