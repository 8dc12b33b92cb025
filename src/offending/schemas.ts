// What recording an offending outcome asks, for the page and the API alike.
import { z } from 'zod';
import { CorrectionReason, optionalText, requiredDate, SeenVersion } from '../plans/fields.ts';

/** The outcomes SSDA903 OC2 CONVICTED counts (decision 0043). */
export const OFFENDING_OUTCOMES = [
  { code: 'conviction', label: 'Convicted of an offence' },
  { code: 'final_warning', label: 'Given a final warning' },
  { code: 'reprimand', label: 'Given a reprimand' },
] as const;

export const OffendingOutcomeInput = z.object({
  kind: z.enum(['conviction', 'final_warning', 'reprimand'], { error: 'Choose whether they were convicted, or given a final warning or a reprimand' }),
  givenOn: requiredDate('The date', 'Enter the date of the conviction, final warning or reprimand'),
  note: optionalText('The note', 5000),
});
export type OffendingOutcomeInput = z.output<typeof OffendingOutcomeInput>;
export const OffendingOutcomeCorrection = OffendingOutcomeInput.extend({ reason: CorrectionReason, version: SeenVersion });
export type OffendingOutcomeCorrection = z.output<typeof OffendingOutcomeCorrection>;
