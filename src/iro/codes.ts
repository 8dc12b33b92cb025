// What an IRO's challenge is about, and the stages of the dispute resolution protocol. Lantern's own
// lists: the categories are the ones the seeds name (Newham 2014 ¶66: drift; Southend 2016 ¶59: plan
// changes the IRO was not told of; IR-03), the stages those councils' protocols share.
import type { CodeList } from '../codes/code-list.ts';

export const CHALLENGE_CATEGORY = [
  { code: 'drift', label: 'Drift or delay in the care plan' },
  { code: 'plan_change_not_notified', label: 'The care plan changed and the IRO was not told' },
  { code: 'permanence', label: 'Permanence not achieved in the child’s timescale' },
  { code: 'placement', label: 'The placement’s suitability or stability' },
  { code: 'health_education', label: 'Health or education needs not met' },
  { code: 'family_time', label: 'Family time or sibling contact' },
  { code: 'visits', label: 'Statutory visits not made' },
  { code: 'advocacy', label: 'Advocate or independent visitor not arranged' },
  { code: 'proceedings', label: 'Delay in care proceedings' },
  { code: 'other', label: 'Something else' },
] as const satisfies CodeList;
export const CHALLENGE_CATEGORY_CODES = CHALLENGE_CATEGORY.map((c) => c.code) as [string, ...string[]];

/** The stages, in order: a challenge is escalated only upwards. */
export const CHALLENGE_STAGE = [
  { code: 'informal', label: 'Informal: with the social worker' },
  { code: 'team_manager', label: 'Stage 1: team manager' },
  { code: 'service_manager', label: 'Stage 2: service manager' },
  { code: 'head_of_service', label: 'Stage 3: head of service' },
  { code: 'director', label: 'Stage 4: director of children’s services' },
  { code: 'cafcass', label: 'Referred to Cafcass' },
] as const satisfies CodeList;
export const CHALLENGE_STAGE_CODES = CHALLENGE_STAGE.map((c) => c.code) as [string, ...string[]];
export const stageIndex = (code: string) => CHALLENGE_STAGE_CODES.indexOf(code);

/** How the IRO was in touch with the child; the first three see the child, so "seen alone" is asked. */
export const IRO_CONTACT_METHOD = [
  { code: 'visit', label: 'Visit' },
  { code: 'video', label: 'Video call' },
  { code: 'review', label: 'At the review' },
  { code: 'phone', label: 'Phone call' },
  { code: 'message', label: 'Message, letter or email' },
] as const satisfies CodeList;
export const IRO_CONTACT_METHOD_CODES = IRO_CONTACT_METHOD.map((c) => c.code) as [string, ...string[]];
export const SEEN_METHODS: readonly string[] = ['visit', 'video', 'review'];
