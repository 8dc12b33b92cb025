// The CIN census return as data, in the census's own terms (standards.md §1.1): what the XML is
// written from and what the validation rules check. Codes here are already the census's codes
// (mapping.ts turns Lantern's into them). Lantern's own ids ride along so that the report can name
// the child and open their record; they never go into the XML.

export interface CensusAssessment {
  startDate: string;
  /** AssessmentAuthorisationDate (N00160): when the assessment was completed. */
  authorisationDate: string | null;
  factors: string[];
}

export interface CensusCinPlan {
  startDate: string;
  endDate: string | null;
}

export interface CensusSection47 {
  startDate: string;
  /** InitialCPCtarget: the due date of the initial conference clock. */
  icpcTarget: string | null;
  icpcDate: string | null;
  icpcNotRequired: boolean;
}

export interface CensusCpPlan {
  startDate: string;
  endDate: string | null;
  initialCategory: string | null;
  latestCategory: string | null;
  numberOfPreviousCpp: number | null;
  reviewDates: string[];
}

/**
 * PreProceedingsandFGDM (Module 5, from 2026-27; policy-2026.md §2.5; decision 0032): one
 * pre-proceedings decided on in the year, with the family group decision-making offer and meeting.
 */
export interface CensusPreProceedings {
  /** Lantern's id of the pre-proceedings: for the report, not in the XML. */
  preProceedingsId: string;
  /** PPStartDate (N00826): the legal planning meeting that decided to start pre-proceedings. */
  ppStartDate: string | null;
  /** LBPSentDate (N00827). */
  lbpSentDate: string | null;
  /** FGDMMeetingOffer (N00828): a family group meeting offered in the letter before proceedings. */
  fgdmMeetingOffer: boolean | null;
  /** FGDMMeetingFac (N00829): a family group meeting facilitated after the offer. */
  fgdmMeetingFac: boolean | null;
  /** InitialPPMeetingDate (N00830): the first pre-proceedings meeting. */
  initialPpMeetingDate: string | null;
  /** ReviewMeetingsCount (N00831): meetings after the first. */
  reviewMeetingsCount: number | null;
  /** StepDecisionDate: the decision to step up (issue) or step down. */
  stepDecisionDate: string | null;
  /** PPOutcome (N00833, CS131): A, B or C (mapping.ts). */
  ppOutcome: string | null;
  /** CourtAppDate (N00834): the care application. */
  courtAppDate: string | null;
  /** LetterInitCPDate: the letter initiating care proceedings. */
  letterInitCpDate: string | null;
}

/** One CINdetails group: an episode of need, from referral to closure. */
export interface CensusCinDetails {
  episodeId: string;
  referralDate: string;
  referralSource: string | null;
  primaryNeed: string | null;
  closureDate: string | null;
  closureReason: string | null;
  /** DateOfInitialCPC at CIN level: Lantern records the conference with its enquiry, so always null. */
  dateOfInitialCpc: string | null;
  referralNfa: boolean | null;
  assessments: CensusAssessment[];
  cinPlans: CensusCinPlan[];
  section47s: CensusSection47[];
  cpPlans: CensusCpPlan[];
  /** Module 5 (2026-27 onward): absent in earlier years. */
  preProceedings?: CensusPreProceedings[];
}

export interface CensusChild {
  /** Lantern's id of the child: for the report's link, not in the XML. */
  childId: string;
  laChildId: string | null;
  upn: string | null;
  formerUpn: string | null;
  upnUnknown: string | null;
  birthDate: string | null;
  expectedBirthDate: string | null;
  sex: string | null;
  deathDate: string | null;
  ethnicity: string | null;
  disabilities: string[];
  cinDetails: CensusCinDetails[];
}

export interface CensusHeader {
  /** Census year end, e.g. 2026 for the collection 1 April 2025 to 31 March 2026. */
  year: number;
  referenceDate: string;
  /** The council's 3-digit LA number. */
  laNumber: string;
  /** When the file was made (xs:dateTime). */
  madeAt: string;
}

export interface CensusReturn {
  header: CensusHeader;
  children: CensusChild[];
}
