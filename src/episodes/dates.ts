// Dates checked against the episode a fact belongs to: a strategy discussion, assessment, section 47
// enquiry or conference happens on or after the referral that opened its episode of need.
import { RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';

export function assertNotBeforeReferral(episode: { referral_date: string }, date: string, field: string, what: string): void {
  if (date < episode.referral_date) {
    throw new RuleBroken(
      `${what} cannot be before the referral on ${formatDate(episode.referral_date)}: everything in an episode of need happens on or after the referral that opened it`,
      field,
    );
  }
}
