// Rules on where a placement is that DfE derives or leaves blank: postcodes, distance and the council
// of placement (PL_LA) for short breaks and unaccompanied asylum-seeking children, and own provision
// outside the council's area (decision 0078: the validator's readings, csc-validator-be-903). Lantern's
// own return leaves these blank where the rules say so (extract.ts); the rules still check an imported
// return.
import { ADOPTION_PLACEMENTS, FOSTER_PLACEMENTS, episodeRule, SHORT_BREAKS, type Ssda903Rule } from './define.ts';

/** Placements the council may provide itself outside its area (rule 1015): fostering, adoption, K3. */
const MAY_BE_ELSEWHERE = [...ADOPTION_PLACEMENTS, ...FOSTER_PLACEMENTS, 'K3'];

export const PLACEMENT_LOCATION_RULES: Ssda903Rule[] = [
  episodeRule('214', 'Placement location information not required.', (e) => SHORT_BREAKS.includes(e.ls) && (!!e.plPost || !!e.urn)),
  episodeRule('398', 'Distance field completed but child looked after under legal status V3 or V4.', (e) => SHORT_BREAKS.includes(e.ls) && (!!e.homePost || !!e.plPost)),
  episodeRule('420', 'LA of placement completed but child is looked after under legal status V3 or V4.', (e) => SHORT_BREAKS.includes(e.ls) && !!e.plLa),
  // UASC now or formerly: Lantern keeps the flag after the status ceased (its date is DUC).
  episodeRule('406', 'Child is Unaccompanied Asylum-Seeking Child (UASC) or was formerly UASC. Distance should be blank.', (e, c) => c.uasc && e.plDistance !== null),
  // The validator also fails a blank PL_LA (no placement postcode); Lantern fails only a placement known
  // to be outside the council's area, as a missing postcode is rule 392b's.
  episodeRule('1015', 'Placement provider is own provision but child not placed in own LA.', (e) =>
    e.placeProvider === 'PR1' && !MAY_BE_ELSEWHERE.includes(e.place) && !SHORT_BREAKS.includes(e.ls) && e.plLocation === 'OUT'),
];
