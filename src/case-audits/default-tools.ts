// Lantern's audit tools as shipped (decision 0024): a general case audit and a strategy discussion
// audit, and one for contacts closed with no further action. A council adds its own as data (the
// tools page); these are inserted by migration 0031. A question with a `fact` is a factual item: the
// form shows what the record says (facts.ts) and a grade of good or better against it needs a reason
// (Wandsworth 2017 ¶23, ¶104, rec 3; seed QA-05, DQ-41).
import type { FactCode } from './facts.ts';

export interface ToolQuestion {
  key: string;
  text: string;
  fact?: FactCode;
}
export interface ToolDomain {
  key: string;
  title: string;
  questions: ToolQuestion[];
}
export interface ToolDefinition {
  id: string;
  name: string;
  purpose: string;
  domains: ToolDomain[];
}

export const GENERAL_TOOL_ID = '0a0d17c0-0000-4000-8000-000000000001';
export const STRATEGY_TOOL_ID = '0a0d17c0-0000-4000-8000-000000000002';
export const NFA_TOOL_ID = '0a0d17c0-0000-4000-8000-000000000003';

export const DEFAULT_TOOLS: readonly ToolDefinition[] = [
  {
    id: GENERAL_TOOL_ID,
    name: 'General case audit',
    purpose: 'The quality of the work with a child and its impact on the child’s experience (Newham 2014 ¶133; Southend 2016 ¶118).',
    domains: [
      {
        key: 'voice',
        title: 'The child’s experience and voice',
        questions: [
          { key: 'seen', text: 'The child was seen during the assessment', fact: 'seen_in_assessment' },
          { key: 'visits', text: 'The child was visited within the timescale', fact: 'visits_on_time' },
          { key: 'voice', text: 'The child’s wishes and feelings are recorded and inform the plan' },
        ],
      },
      {
        key: 'assessment',
        title: 'Assessment and analysis of risk',
        questions: [
          { key: 'timely', text: 'The assessment was completed and authorised within 45 working days', fact: 'assessment_on_time' },
          { key: 'analysis', text: 'The assessment analyses risk and need, using the history' },
        ],
      },
      {
        key: 'planning',
        title: 'Planning and review',
        questions: [
          { key: 'actions', text: 'The plan’s actions have owners and dates, and none is overdue', fact: 'plan_actions_on_time' },
          { key: 'smart', text: 'The plan says what must change, by when, and what happens if it does not' },
        ],
      },
      {
        key: 'management',
        title: 'Management oversight',
        questions: [{ key: 'oversight', text: 'Management oversight is recorded, gives direction and is followed' }],
      },
    ],
  },
  {
    id: STRATEGY_TOOL_ID,
    name: 'Strategy discussion audit',
    purpose: 'Whether strategy discussions comply with Working Together: police, health and social care take part (Wandsworth 2017 ¶23, ¶104, rec 3).',
    domains: [
      {
        key: 'participation',
        title: 'Who took part',
        questions: [{ key: 'agencies', text: 'The strategy discussion had police, health and children’s social care', fact: 'strategy_agencies' }],
      },
      {
        key: 'decision',
        title: 'The decision and what followed',
        questions: [
          { key: 'threshold', text: 'The decision about a section 47 enquiry is clear and reasoned' },
          { key: 'seen', text: 'The child was seen during the assessment', fact: 'seen_in_assessment' },
          { key: 'followed', text: 'The actions agreed were carried out' },
        ],
      },
    ],
  },
  {
    id: NFA_TOOL_ID,
    name: 'Contacts closed with no further action',
    purpose: 'Whether decisions at the front door to take no further action were safe and timely (Southend 2016 cover §3.7; Newham 2014 ¶146).',
    domains: [
      {
        key: 'decision',
        title: 'The decision',
        questions: [
          { key: 'timely', text: 'The contact was decided within one working day', fact: 'contact_decision_on_time' },
          { key: 'safe', text: 'The decision took account of the history and the information from partners' },
          { key: 'told', text: 'The referrer and the family were told the outcome' },
        ],
      },
    ],
  },
];
