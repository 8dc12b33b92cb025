import { z } from 'zod';
import { CorrectionReason, fail, optionalId, optionalText, requiredDate, requiredText, SeenVersion } from '../plans/fields.ts';
import { KINSHIP_KIND_CODES, OFFER_METHOD_CODES } from './codes.ts';

const carerName = requiredText('Enter the carer’s name', 'The carer’s name', 200);
const relationship = requiredText('Enter how the carer is related to the child (grandmother, aunt, family friend …)', 'The relationship', 100);

export const KinshipInput = z
  .object({
    kind: z.enum(KINSHIP_KIND_CODES, { error: 'Choose the kind of kinship care' }),
    startedOn: requiredDate('The date it began', 'Enter the date it began (for an order, the day it was made)'),
    carerName,
    carerRelationship: relationship,
    secondCarerName: optionalText('The second carer’s name', 200),
    secondCarerRelationship: optionalText('The second carer’s relationship', 100),
    placementId: optionalId('Choose the placement from the list'),
    note: optionalText('The note', 5000),
  })
  .superRefine((v, ctx) => {
    if (v.secondCarerName && !v.secondCarerRelationship) fail(ctx, 'secondCarerRelationship', 'Enter how the second carer is related to the child');
    if (!v.secondCarerName && v.secondCarerRelationship) fail(ctx, 'secondCarerName', 'Enter the second carer’s name');
  });
export type KinshipInput = z.output<typeof KinshipInput>;

export const KinshipCorrection = z.object({
  startedOn: requiredDate('The date it began', 'Enter the date it began'),
  note: optionalText('The note', 5000),
  reason: CorrectionReason,
  version: SeenVersion,
});
export type KinshipCorrection = z.output<typeof KinshipCorrection>;

export const CarerInput = z.object({ name: carerName, relationship });
export type CarerInput = z.output<typeof CarerInput>;

export const OfferInput = z.object({
  sentOn: requiredDate('The date the offer was sent', 'Enter the date the local offer was sent'),
  how: z.enum(OFFER_METHOD_CODES, { error: 'Choose how the local offer was sent' }),
});
export type OfferInput = z.output<typeof OfferInput>;

export const KinshipEndInput = z.object({
  endedOn: requiredDate('The date it ended', 'Enter the date the arrangement ended'),
  reason: requiredText('Enter why it ended (the child went home, an order was made, the child turned 18 …)', 'Why it ended', 2000),
});
export type KinshipEndInput = z.output<typeof KinshipEndInput>;

export const ArrangementParams = z.object({ childId: z.guid(), arrangementId: z.guid() });
export const CarerParams = z.object({ childId: z.guid(), arrangementId: z.guid(), carerId: z.guid() });
