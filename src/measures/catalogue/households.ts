// The measures that count households (decision 0050): prospective adopters, then the council's foster
// carers. The one index the pages read, as catalogue.ts is for the children's measures.
import type { HouseholdMeasure } from '../households.ts';
import { ADOPTER_MEASURES } from './adopter-households.ts';
import { FOSTER_CARER_MEASURES } from './foster-carer-households.ts';

export const HOUSEHOLD_MEASURES: readonly HouseholdMeasure[] = [...ADOPTER_MEASURES, ...FOSTER_CARER_MEASURES];

export const householdMeasureById = (id: string) => HOUSEHOLD_MEASURES.find((m) => m.id === id);

/** The measure named, to read only its facts: none for an unknown name (the page then says there is no such measure). */
export const householdMeasuresNamed = (id: string): HouseholdMeasure[] => HOUSEHOLD_MEASURES.filter((m) => m.id === id);
