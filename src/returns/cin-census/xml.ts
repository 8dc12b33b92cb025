// The CIN census XML (standards.md §1.1), written with xmlbuilder2 in the XSD's sequence order.
// From 2024-25 <Sex> (M/F/U) stands where <GenderCurrent> stood (standards.md §1.2; decision 0028).
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { CensusChild, CensusCinDetails, CensusReturn } from './model.ts';
import { censusOneZero, censusYesNo } from './mapping.ts';
import { item } from '../xml.ts';

function writeCinDetails(parent: XMLBuilder, d: CensusCinDetails): void {
  const x = parent.ele('CINdetails');
  item(x, 'CINreferralDate', d.referralDate);
  item(x, 'ReferralSource', d.referralSource);
  item(x, 'PrimaryNeedCode', d.primaryNeed);
  item(x, 'CINclosureDate', d.closureDate);
  item(x, 'ReasonForClosure', d.closureReason);
  item(x, 'DateOfInitialCPC', d.dateOfInitialCpc);
  for (const a of d.assessments) {
    const ax = x.ele('Assessments');
    item(ax, 'AssessmentActualStartDate', a.startDate);
    item(ax, 'AssessmentAuthorisationDate', a.authorisationDate);
    if (a.factors.length > 0) {
      const fx = ax.ele('FactorsIdentifiedAtAssessment');
      for (const f of a.factors) item(fx, 'AssessmentFactors', f);
    }
  }
  for (const p of d.cinPlans) {
    const px = x.ele('CINPlanDates');
    item(px, 'CINPlanStartDate', p.startDate);
    item(px, 'CINPlanEndDate', p.endDate);
  }
  for (const s of d.section47s) {
    const sx = x.ele('Section47');
    item(sx, 'S47ActualStartDate', s.startDate);
    item(sx, 'InitialCPCtarget', s.icpcTarget);
    item(sx, 'DateOfInitialCPC', s.icpcDate);
    item(sx, 'ICPCnotRequired', censusYesNo(s.icpcNotRequired));
  }
  item(x, 'ReferralNFA', d.referralNfa === null ? null : censusYesNo(d.referralNfa));
  for (const p of d.cpPlans) {
    const px = x.ele('ChildProtectionPlans');
    item(px, 'CPPstartDate', p.startDate);
    item(px, 'CPPendDate', p.endDate);
    item(px, 'InitialCategoryOfAbuse', p.initialCategory);
    item(px, 'LatestCategoryOfAbuse', p.latestCategory);
    item(px, 'NumberOfPreviousCPP', p.numberOfPreviousCpp);
    if (p.reviewDates.length > 0) {
      const rx = px.ele('Reviews');
      for (const r of p.reviewDates) item(rx, 'CPPreviewDate', r);
    }
  }
  // Module 5 (2026-27 onward), after the CP plans as in the validator's sample (standards.md §1.1).
  for (const p of d.preProceedings ?? []) {
    const px = x.ele('PreProceedingsandFGDM');
    item(px, 'PPStartDate', p.ppStartDate);
    item(px, 'LBPSentDate', p.lbpSentDate);
    item(px, 'FGDMMeetingOffer', censusOneZero(p.fgdmMeetingOffer));
    item(px, 'FGDMMeetingFac', censusOneZero(p.fgdmMeetingFac));
    item(px, 'InitialPPMeetingDate', p.initialPpMeetingDate);
    item(px, 'ReviewMeetingsCount', p.reviewMeetingsCount);
    item(px, 'StepDecisionDate', p.stepDecisionDate);
    item(px, 'PPOutcome', p.ppOutcome);
    item(px, 'CourtAppDate', p.courtAppDate);
    item(px, 'LetterInitCPDate', p.letterInitCpDate);
  }
}

function writeChild(parent: XMLBuilder, c: CensusChild): void {
  const x = parent.ele('Child');
  const ids = x.ele('ChildIdentifiers');
  item(ids, 'LAchildID', c.laChildId);
  item(ids, 'UPN', c.upn);
  item(ids, 'FormerUPN', c.formerUpn);
  item(ids, 'UPNunknown', c.upnUnknown);
  item(ids, 'PersonBirthDate', c.birthDate);
  item(ids, 'ExpectedPersonBirthDate', c.expectedBirthDate);
  item(ids, 'Sex', c.sex);
  item(ids, 'PersonDeathDate', c.deathDate);
  const chars = x.ele('ChildCharacteristics');
  item(chars, 'Ethnicity', c.ethnicity);
  if (c.disabilities.length > 0) {
    const dx = chars.ele('Disabilities');
    for (const d of c.disabilities) item(dx, 'Disability', d);
  }
  for (const d of c.cinDetails) writeCinDetails(x, d);
}

/** The return as the XML file the council uploads to DfE COLLECT. */
export function censusXml(census: CensusReturn): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const message = doc.ele('Message');
  const header = message.ele('Header');
  const collection = header.ele('CollectionDetails');
  item(collection, 'Collection', 'CIN');
  item(collection, 'Year', census.header.year);
  item(collection, 'ReferenceDate', census.header.referenceDate);
  const source = header.ele('Source');
  item(source, 'SourceLevel', 'L');
  item(source, 'LEA', census.header.laNumber);
  item(source, 'SoftwareCode', 'Lantern');
  item(source, 'DateTime', census.header.madeAt);
  const children = message.ele('Children');
  for (const c of census.children) writeChild(children, c);
  return doc.end({ prettyPrint: true });
}
