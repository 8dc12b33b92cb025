// The council's caseload weighting and limits (WF-01, WF-02). A child in need counts one point; a
// child on a protection plan, in care or in care proceedings counts more, because the work is
// heavier. A worker whose points are above the limit for their hours is flagged. Each setting is
// stored with the council's timescales (src/settings/council-settings.ts) and, like them, may only be
// lowered: the standard below is the most a council may set (decision 0023).
import type { SettingDefinition } from '../settings/council-settings.ts';

export const CASELOAD_SETTINGS = {
  caseloadWeightChildProtection: {
    label: 'Points for a child on a child protection plan (a child in need counts 1)',
    name: 'Caseload weight of a child protection case',
    max: 2,
    unit: 'points',
    source: 'Lantern’s default, decision 0023: protection work counts double (Newham 2014 ¶116-117: caseloads high enough to get in the way of direct work)',
  },
  caseloadWeightInCare: {
    label: 'Points for a child in care (a child in need counts 1)',
    name: 'Caseload weight of a child in care',
    max: 2,
    unit: 'points',
    source: 'Lantern’s default, decision 0023',
  },
  caseloadWeightProceedings: {
    label: 'Points for a child in care proceedings (a child in need counts 1)',
    name: 'Caseload weight of care proceedings',
    max: 3,
    unit: 'points',
    source: 'Lantern’s default, decision 0023: proceedings are the heaviest work (Southend 2016 ¶123)',
  },
  caseloadPointsPerFte: {
    label: 'Caseload flagged above (points for a full-time social worker; part-time in proportion)',
    name: 'Caseload limit',
    max: 30,
    unit: 'points',
    source: 'Lantern’s default, decision 0023 (Newham 2014 ¶3, ¶17; Wandsworth 2016 ¶101; Southend 2016 ¶72: flag workers whose caseload is too high)',
  },
  caseloadPointsNewlyQualified: {
    label: 'Protected caseload of a newly qualified social worker (points, full-time; part-time in proportion)',
    name: 'Protected caseload for the newly qualified',
    max: 18,
    unit: 'points',
    source: 'Lantern’s default, decision 0023 (Newham 2014 ¶118: ASYE staff without protected caseloads; Southend 2016 ¶123: restrict the volume of work)',
  },
} as const satisfies Record<string, SettingDefinition>;
