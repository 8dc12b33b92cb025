// The front door's pages and API, one file per step, each route declared with its guard (see
// docs/CONVENTIONS.md): the queue (routes-queue.ts), a contact (routes-contact.ts: recording,
// correcting, deleting, matching a partner's referral), checks with other agencies
// (routes-checks.ts), the decision, telling the referrer and the second look (routes-decision.ts),
// and partners' online referrals (routes-partner.ts).
import { can } from '../access/roles.ts';
import { registerWorkPanel } from '../my-work/panels.ts';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { checkRoutes } from './routes-checks.ts';
import { contactRoutes } from './routes-contact.ts';
import { decisionRoutes } from './routes-decision.ts';
import { partnerRoutes } from './routes-partner.ts';
import { queueRoutes } from './routes-queue.ts';
import { VIEWS } from './routes-shared.ts';
import { contactsAwaitingDecision, partnerReferrals, secondLookList } from './service.ts';
import { isFrontDoorManager } from './access.ts';
import './record-section.ts';

export { childContactsPath, contactPath } from './routes-shared.ts';

// Once per process: the service navigation.
addNavigationItem({ href: '/front-door', text: 'Front door', show: (role) => role === 'front_door_worker' || can(role, 'decide-threshold') }, 1);
addNavigationItem({ href: '/referrals', text: 'Your referrals', show: (role) => can(role, 'make-referral') }, 1);

const SECOND_LOOK_PANEL_ROWS = 10;

export const frontDoorRoutes: RegisterRoutes = (app, ctx: AppContext) => {
  // My work: what waits at the front door, for those who act on it. The queue shows even when empty.
  registerWorkPanel({
    id: 'contacts-awaiting-decision',
    title: 'Contacts awaiting a decision',
    roles: ['front_door_worker', 'team_manager'],
    // A manager decides on contacts only in the front door team: other managers' homes are not slowed
    // by a list they cannot act on.
    load: async (context, user) =>
      user.role === 'front_door_worker' || (await isFrontDoorManager(context.db, user)) ? contactsAwaitingDecision(context.db, user, context.time.today()) : null,
    template: `${VIEWS}/panels/awaiting-decision.njk`,
    emptyText: 'No contacts are waiting for a decision.',
  });
  registerWorkPanel({
    id: 'contacts-second-look',
    title: 'Contact decisions flagged for a second look',
    roles: ['team_manager'],
    // The longest waiting; the whole list is a link away (My work stays a handful of rows, not 200).
    load: async (context, user) =>
      (await isFrontDoorManager(context.db, user)) ? secondLookList(context.db, user, context.time.today(), { limit: SECOND_LOOK_PANEL_ROWS }) : null,
    template: `${VIEWS}/panels/second-look.njk`,
  });
  // Replaces My work's journal-only list: a partner also sees referrals not yet matched, and outcomes.
  registerWorkPanel({
    id: 'partner-referrals',
    title: 'Referrals you have made',
    roles: ['partner_agency'],
    load: (context, user) => partnerReferrals(context.db, user),
    template: `${VIEWS}/panels/partner-referrals.njk`,
    emptyText: 'You have not made any referrals online yet.',
  });

  queueRoutes(app, ctx);
  contactRoutes(app, ctx);
  checkRoutes(app, ctx);
  decisionRoutes(app, ctx);
  partnerRoutes(app, ctx);
};
