import { z } from 'zod';
import { optionalText, requiredDate, requiredText, yesNo } from '../plans/fields.ts';
import { SEEN_ALONE_CODES } from '../visits/codes.ts';
import { normalisePostcode } from '../looked-after/distance.ts';

export const NotificationInput = z.object({
  notifiedOn: requiredDate('The date the council was told', 'Enter the date the council was told'),
  notifiedBy: requiredText('Enter who told the council (a parent, the carer, a school …)', 'Who told the council', 200),
  alreadyInPlace: yesNo('Say whether the arrangement is already in place or proposed'),
  carerName: requiredText('Enter the carer’s name', 'The carer’s name', 200),
  carerPostcode: z
    .string()
    .trim()
    .nullish()
    .transform((v, ctx) => {
      if (!v) return null;
      const normal = normalisePostcode(v);
      if (!normal) ctx.addIssue({ code: 'custom', message: 'The carer’s postcode must be a UK postcode, for example BW1 2AB' });
      return normal ?? z.NEVER;
    }),
});
export type NotificationInput = z.output<typeof NotificationInput>;

export const DecisionInput = z.object({
  decidedOn: requiredDate('The date of the decision', 'Enter the date of the decision'),
  confirmed: yesNo('Say whether it is private fostering'),
  reason: requiredText('Enter why: what the assessment found', 'The reason', 5000),
});
export type DecisionInput = z.output<typeof DecisionInput>;

export const PrivateFosteringVisitInput = z.object({
  visitedOn: requiredDate('The date of the visit', 'Enter the date of the visit'),
  seenAlone: z.enum(SEEN_ALONE_CODES, { error: 'Say whether you saw the child alone' }),
  childViews: requiredText('Enter what the child said about living there', 'The child’s views', 20_000),
});
export type PrivateFosteringVisitInput = z.output<typeof PrivateFosteringVisitInput>;

export const EndInput = z.object({
  endedOn: requiredDate('The date it ended', 'Enter the date the arrangement ended'),
  reason: requiredText('Enter why it ended (the child went home, an order was made …)', 'Why it ended', 2000),
  note: optionalText('The note', 1000),
});
export type EndInput = z.output<typeof EndInput>;

export const ArrangementParams = z.object({ childId: z.guid(), arrangementId: z.guid() });
