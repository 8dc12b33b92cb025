// The SSDA903 return as one XML file (standards.md §2.2: root EXPSSDA903, a CHILD per child with its
// HEADER and EPISODEs, in the order of DfE's "Expanded SSDA903" schema v3.3.0). That schema predates
// the social worker episodes and DoLOs; their tags (SWEPISODE, DOLO, with the CSV's column names)
// are Lantern's until DfE's are to hand (decision 0030). Dates dd/mm/yyyy as in the CSV files.
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { Ssda903Child, Ssda903Return } from './model.ts';
import { ukDate } from './mapping.ts';
import { hasDoloTable } from './year.ts';
import { item } from '../xml.ts';

const date = (parent: XMLBuilder, name: string, value: string | null) => item(parent, name, ukDate(value));

function writeChild(root: XMLBuilder, c: Ssda903Child, dolo: boolean): void {
  const x = root.ele('CHILD');
  const h = x.ele('HEADER');
  item(h, 'CHILDID', c.child);
  // UPN is required in the schema but may be empty (no UPN and no reason known: rule 442 says so).
  h.ele('UPN').txt(c.upn ?? '');
  item(h, 'SEX', c.sex);
  date(h, 'DOB', c.dob);
  item(h, 'ETHNIC', c.ethnic);
  item(h, 'UASC', c.uasc ? '1' : '0');
  date(h, 'DUC', c.duc);
  if (c.ad1) {
    date(h, 'DATE_INT', c.ad1.dateInt);
    date(h, 'DATE_MATCH', c.ad1.dateMatch);
    item(h, 'FOSTER_CARE', c.ad1.fosterCare);
    item(h, 'NB_ADOPTR', c.ad1.nbAdoptr);
    item(h, 'SEX_ADOPTR', c.ad1.sexAdoptr);
    item(h, 'LS_ADOPTR', c.ad1.lsAdoptr);
  }
  if (c.oc3) {
    item(h, 'IN_TOUCH', c.oc3.inTouch);
    item(h, 'ACTIV', c.oc3.activ);
    item(h, 'ACCOM', c.oc3.accom);
  }
  for (const m of c.missing) {
    const mx = h.ele('AMISSING');
    item(mx, 'MISSING', m.missing);
    date(mx, 'MIS_START', m.misStart);
    date(mx, 'MIS_END', m.misEnd);
  }
  for (const r of c.reviews) {
    const rx = h.ele('AREVIEW');
    date(rx, 'REVIEW', r.review);
    item(rx, 'REVIEW_CODE', r.reviewCode);
  }
  item(h, 'MOTHER', c.mother);
  date(h, 'MC_DOB', c.mcDob);
  if (c.prevPerm) {
    const px = h.ele('PERMANENCE');
    item(px, 'PREV_PERM', c.prevPerm.prevPerm);
    item(px, 'LA_PERM', c.prevPerm.laPerm);
    date(px, 'DATE_PERM', c.prevPerm.datePerm);
  }
  if (c.oc2) {
    const ox = h.ele('OC2');
    item(ox, 'SDQ_SCORE', c.oc2.sdqScore);
    item(ox, 'SDQ_REASON', c.oc2.sdqReason);
    item(ox, 'CONVICTED', c.oc2.convicted);
    item(ox, 'HEALTH_CHECK', c.oc2.healthCheck);
    item(ox, 'IMMUNISATIONS', c.oc2.immunisations);
    item(ox, 'TEETH_CHECK', c.oc2.teethCheck);
    item(ox, 'HEALTH_ASSESSMENT', c.oc2.healthAssessment);
    item(ox, 'SUBSTANCE_MISUSE', c.oc2.substanceMisuse);
    item(ox, 'INTERVENTION_RECEIVED', c.oc2.interventionReceived);
    item(ox, 'INTERVENTION_OFFERED', c.oc2.interventionOffered);
  }
  for (const p of c.placedAdoption) {
    const px = h.ele('AD_PLACED');
    date(px, 'DATE_PLACED', p.datePlaced);
    date(px, 'DATE_PLACED_CEASED', p.datePlacedCeased);
    item(px, 'REASON_PLACED_CEASED', p.reasonPlacedCeased);
  }
  for (const e of c.episodes) {
    const ex = x.ele('EPISODE');
    date(ex, 'DECOM', e.decom);
    item(ex, 'RNE', e.rne);
    item(ex, 'LS', e.ls);
    item(ex, 'CIN', e.cin);
    item(ex, 'PL', e.place);
    item(ex, 'PL_POST', e.plPost);
    item(ex, 'HOME_POST', e.homePost);
    item(ex, 'URN', e.urn);
    item(ex, 'PLACE_PROVIDER', e.placeProvider);
    date(ex, 'DEC', e.dec);
    item(ex, 'REC', e.rec);
    item(ex, 'REASON_PLACE_CHANGE', e.reasonPlaceChange);
  }
  for (const s of c.swEpisodes) {
    const sx = x.ele('SWEPISODE');
    item(sx, 'SW_ID', s.swId);
    date(sx, 'SW_DECOM', s.swDecom);
    date(sx, 'SW_DEC', s.swDec);
    item(sx, 'SW_REASON', s.swReason);
  }
  if (dolo) {
    for (const d of c.dolo) {
      const dx = x.ele('DOLO');
      date(dx, 'DOLO_START', d.doloStart);
      date(dx, 'DOLO_END', d.doloEnd);
    }
  }
}

/** The return as the XML file the council uploads to DfE COLLECT. */
export function ssda903Xml(r: Ssda903Return): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('EXPSSDA903');
  const dolo = hasDoloTable(r.header.year);
  for (const c of r.children) writeChild(root, c, dolo);
  return root.end({ prettyPrint: true });
}
