// Who may use the fostering pages and API that are about no one child.
import type { Guard } from '../server/guard.ts';

/** Team managers, analysts and leaders see the council's foster carers and its sufficiency. */
export const FOSTERING_VIEW: Guard = {
  signedIn: true,
  capability: 'view-performance',
  reason: 'The council’s foster carers and placement sufficiency, for team managers, analysts and leaders: carers’ records are audited when viewed, and children are named only where the user may see them (childVisibleTo)',
};
/** Team managers record the fostering service's steps and decisions about a household. */
export const FOSTERING_RECORD: Guard = {
  signedIn: true,
  capability: 'authorise',
  reason: 'Team managers record a fostering household’s assessment, approval, reviews and status; each change is audited',
};
