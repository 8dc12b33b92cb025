// My work: transfers waiting for a team manager to accept or decline.
import { registerWorkPanel } from '../my-work/panels.ts';
import { transfersWaitingFor, type WaitingTransfer } from './transfers.ts';

registerWorkPanel<WaitingTransfer>({
  id: 'transfers-waiting',
  title: 'Transfers waiting for you',
  roles: ['team_manager'],
  load: (ctx, user) => transfersWaitingFor(ctx.db, user),
  template: 'workforce/views/panels/transfers.njk',
});
