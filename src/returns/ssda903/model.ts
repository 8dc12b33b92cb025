// The SSDA903 return as data, in the return's own terms (standards.md §2.1; ssda903-2024.yml): what
// the CSV files and the XML are written from and what the rules check. Dates are ISO here; the files
// write them dd/mm/yyyy. Lantern's ids ride along so the report can name the child and open their
// record; they never go into a file. An importer of SSDA903 files can build the same model from
// the files (tables.ts is the one place that says which column is which item).

export interface Ssda903Episode {
  decom: string;
  rne: string;
  ls: string;
  cin: string;
  place: string;
  placeProvider: string | null;
  dec: string | null;
  rec: string | null;
  reasonPlaceChange: string | null;
  homePost: string | null;
  plPost: string | null;
  urn: string | null;
  /** Derived by DfE from the postcodes, not sent (PL_DISTANCE): Lantern's straight-line miles. */
  plDistance: number | null;
  /** Derived by DfE, not sent (PL_LA): the council the placement is in, from its postcode. */
  plLa: string | null;
  /** Derived by DfE from PL_LA, not sent (PL_LOCATION): IN the council's own area or OUT of it; blank where
   *  not known (no postcode, a short break, or an imported return). Rules 503J and 1015 read it. */
  plLocation: 'IN' | 'OUT' | null;
  /** The first day of the period of care this episode belongs to. */
  periodStart: string;
}

export interface Ssda903Review {
  review: string;
  reviewCode: string;
}

export interface Ssda903Missing {
  missing: string;
  misStart: string;
  misEnd: string | null;
}

/** Outcomes for children looked after continuously for 12 months at 31 March: '0', '1' or blank. */
export interface Ssda903Oc2 {
  sdqScore: number | null;
  sdqReason: string | null;
  convicted: string | null;
  healthCheck: string | null;
  immunisations: string | null;
  teethCheck: string | null;
  healthAssessment: string | null;
  substanceMisuse: string | null;
  interventionReceived: string | null;
  interventionOffered: string | null;
}

/** A care leaver around their 17th to 21st birthday. */
export interface Ssda903Oc3 {
  inTouch: string;
  activ: string;
  accom: string;
}

export interface Ssda903Ad1 {
  dateInt: string | null;
  dateMatch: string | null;
  fosterCare: string | null;
  nbAdoptr: string | null;
  sexAdoptr: string | null;
  lsAdoptr: string | null;
}

export interface Ssda903PlacedAdoption {
  datePlaced: string;
  datePlacedCeased: string | null;
  reasonPlacedCeased: string | null;
}

export interface Ssda903PrevPerm {
  prevPerm: string;
  laPerm: string | null;
  datePerm: string | null;
}

export interface Ssda903SwEpisode {
  swId: string;
  swDecom: string;
  swDec: string | null;
  swReason: string | null;
}

export interface Ssda903Dolo {
  doloStart: string;
  doloEnd: string | null;
}

export interface Ssda903Child {
  /** Lantern's id of the child: for the report's link, not in a file. */
  childId: string;
  /** CHILD: the LA's child identifier. */
  child: string | null;
  sex: string | null;
  dob: string | null;
  ethnic: string | null;
  /** A UPN, or UN1-UN5 where it is not known. */
  upn: string | null;
  /** '1' a mother, '0' not (girls looked after in the year); blank otherwise. */
  mother: string | null;
  mcDob: string | null;
  uasc: boolean;
  duc: string | null;
  episodes: Ssda903Episode[];
  reviews: Ssda903Review[];
  missing: Ssda903Missing[];
  oc2: Ssda903Oc2 | null;
  oc3: Ssda903Oc3 | null;
  ad1: Ssda903Ad1 | null;
  placedAdoption: Ssda903PlacedAdoption[];
  prevPerm: Ssda903PrevPerm | null;
  swEpisodes: Ssda903SwEpisode[];
  dolo: Ssda903Dolo[];
}

export interface Ssda903Header {
  /** The year the collection ends in: 2026 for 1 April 2025 to 31 March 2026. */
  year: number;
  start: string;
  end: string;
  /** The council's 3-digit LA number. */
  laNumber: string;
  /** When the file was made (xs:dateTime). */
  madeAt: string;
}

export interface Ssda903Return {
  header: Ssda903Header;
  children: Ssda903Child[];
}
