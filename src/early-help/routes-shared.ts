// What early help's route files share: paths, the episode in the path, the lead practitioner's choices.
import type { Values } from '../server/child-pages.ts';
import { optionItems, selectItems } from '../server/form-items.ts';
import { LEAD_AGENCY } from './codes.ts';
import type { possibleLeads } from './repository.ts';

export const VIEWS = 'early-help/views';
export const earlyHelpPath = (childId: string) => `/children/${childId}/early-help`;
export const episodePath = (childId: string, episodeId: string) => `${earlyHelpPath(childId)}/${episodeId}`;
/** An episode in the path belongs to the child. */
export const ofEpisode = { records: { episodeId: 'early_help_episode' } } as const;

type Leads = Awaited<ReturnType<typeof possibleLeads>>;

/** The lead practitioner's choices: a Lantern user, or a name and an agency. */
export const leadOptions = (users: Leads, values: Values) => ({
  leadUserItems: optionItems(
    users.map((u) => ({ value: u.id, text: `${u.display_name}${u.team_name ? ` (${u.team_name})` : ''}` })),
    values['leadUserId'],
    'Not a Lantern user',
  ),
  leadAgencyItems: selectItems(LEAD_AGENCY, values['leadAgency'], 'Choose the agency'),
});
