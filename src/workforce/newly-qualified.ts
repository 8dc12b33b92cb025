// Who counts as newly qualified: a social worker in their first year after qualifying who has not yet
// completed their ASYE (Skills for Care's assessed and supported year in employment). Supervision is
// more frequent for them and some work needs a manager's approval (issue 8, WF-06).
import { addMonths } from '../calendar/index.ts';

export interface QualificationDates {
  qualified_on: string | null;
  asye_completed_on: string | null;
}

/** Newly qualified on `today`: qualified, ASYE not completed by today, and within a year of qualifying. */
export function isNewlyQualified(profile: QualificationDates | null | undefined, today: string): boolean {
  if (!profile?.qualified_on || profile.qualified_on > today) return false;
  if (profile.asye_completed_on && profile.asye_completed_on <= today) return false;
  return today < addMonths(profile.qualified_on, 12);
}
