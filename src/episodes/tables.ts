import type { IsoDate, RecordColumns } from '../db/schema.ts';

export interface CinEpisodeTable extends RecordColumns {
  id: string;
  child_id: string;
  referral_date: IsoDate;
  referral_source: string;
  primary_need: string | null;
  referral_nfa: boolean;
  contact_id: string | null;
  closed_on: IsoDate | null;
  closure_reason: string | null;
}

export interface EpisodeTables {
  cin_episode: CinEpisodeTable;
}
