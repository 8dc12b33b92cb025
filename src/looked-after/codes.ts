// The code lists a worker chooses from when recording care, drawn from the SSDA903 lists in
// src/codes/ssda903.ts for the current collection year.
import { codesOf, validIn, type CodeEntry } from '../codes/code-list.ts';
import { LEGAL_STATUS, PLACEMENT_PROVIDER, PLACEMENT_TYPE, REASON_EPISODE_CEASED } from '../codes/ssda903.ts';

/** The collection year whose lists the forms offer. */
export const CURRENT_YEAR = '2026-27' as const;

/**
 * Placement types a worker may choose. Z11-Z14 are left out until DfE's descriptions are to hand:
 * a worker cannot choose a code whose meaning nobody can tell them (src/codes/ssda903.ts).
 */
export const PLACEMENT_TYPE_CHOICES: readonly CodeEntry[] = validIn(PLACEMENT_TYPE, CURRENT_YEAR).filter((e) => !e.code.startsWith('Z'));
export const PLACEMENT_TYPE_CHOICE_CODES = PLACEMENT_TYPE_CHOICES.map((e) => e.code) as [string, ...string[]];

/** Placements that need no provider (SSDA903 rules 178, 213: temporary moves, and Z11-Z14). */
export const NO_PROVIDER_TYPES: readonly string[] = ['T0', 'T1', 'T2', 'T3', 'Z11', 'Z12', 'Z13', 'Z14'];
/** Temporary moves have no reason for the change of placement (rule 226). */
export const NO_CHANGE_REASON_TYPES: readonly string[] = ['T0', 'T1', 'T2', 'T3', 'T4', 'Z11', 'Z12', 'Z13', 'Z14'];

export const LEGAL_STATUS_CODES = codesOf(LEGAL_STATUS) as [string, ...string[]];
export const PROVIDER_CODES = codesOf(PLACEMENT_PROVIDER) as [string, ...string[]];

/** Why care ended: every REC but X1, which Lantern writes itself between two episodes. */
export const CARE_ENDED_REASONS: readonly CodeEntry[] = REASON_EPISODE_CEASED.filter((e) => e.code !== 'X1');
export const CARE_ENDED_REASON_CODES = CARE_ENDED_REASONS.map((e) => e.code) as [string, ...string[]];
