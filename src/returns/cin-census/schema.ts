// The schema the export is checked against: DfE's CIN census XSD as kept in the specs
// (cin-census-2024.xsd, the 2023-24 collection), brought to 2024-25 (decision 0028):
// - <Sex> (M/F/U, N00783) replaces <GenderCurrent> (standards.md §1.2);
// - NumberOfPreviousCPP accepts 0: the item counts the plans before this one, and most children on a
//   plan have had none, which the copy's xs:positiveInteger cannot carry (uncertain: confirm against
//   DfE's own 2024-25 schema).
// Each change must find exactly what it replaces, so a different copy of the XSD fails loudly.

const GENDER_ELEMENT = '<xs:element name="GenderCurrent" type="gendertype" minOccurs="1" maxOccurs="1"/>';
const SEX_ELEMENT = '<xs:element name="Sex" type="sextype" minOccurs="1" maxOccurs="1"/>';
const PREVIOUS_CPP = '<xs:element name="NumberOfPreviousCPP" type="xs:positiveInteger" minOccurs="1" maxOccurs="1"/>';
const PREVIOUS_CPP_2025 = '<xs:element name="NumberOfPreviousCPP" type="xs:nonNegativeInteger" minOccurs="1" maxOccurs="1"/>';
const SEX_TYPE = `
  <xs:simpleType name="sextype">
    <xs:restriction base="nonEmptyString">
      <xs:enumeration value="M"/>
      <xs:enumeration value="F"/>
      <xs:enumeration value="U"/>
    </xs:restriction>
  </xs:simpleType>
`;

// Module 5 (2026-27): no DfE schema for it was available (standards.md §1.2, §6), so the block is
// added as the validator's sample and rules show it (policy-2026.md §2.5): after ChildProtectionPlans,
// 0..n per CINdetails, every item optional (9000Q: "leave this field blank"), dates as xs:date, the
// offer and facilitation as the census's yes/no type, the count as a whole number from 0, and PPOutcome
// limited to CS131's A, B, C (rule 9011). Uncertain until DfE's 2026-27 schema is read (decision 0032).
const CPP_IN_CINDETAILS = '<xs:element name="ChildProtectionPlans" type="childprotectionplanstype" minOccurs="0" maxOccurs="unbounded"/>';
const MODULE5_ELEMENT = '<xs:element name="PreProceedingsandFGDM" type="preproceedingstype" minOccurs="0" maxOccurs="unbounded"/>';
const MODULE5_TYPES = `
  <xs:complexType name="preproceedingstype">
    <xs:sequence>
      <xs:element name="PPStartDate" type="xs:date" minOccurs="0" maxOccurs="1"/>
      <xs:element name="LBPSentDate" type="xs:date" minOccurs="0" maxOccurs="1"/>
      <xs:element name="FGDMMeetingOffer" type="yesnotype" minOccurs="0" maxOccurs="1"/>
      <xs:element name="FGDMMeetingFac" type="yesnotype" minOccurs="0" maxOccurs="1"/>
      <xs:element name="InitialPPMeetingDate" type="xs:date" minOccurs="0" maxOccurs="1"/>
      <xs:element name="ReviewMeetingsCount" type="xs:nonNegativeInteger" minOccurs="0" maxOccurs="1"/>
      <xs:element name="StepDecisionDate" type="xs:date" minOccurs="0" maxOccurs="1"/>
      <xs:element name="PPOutcome" type="ppoutcometype" minOccurs="0" maxOccurs="1"/>
      <xs:element name="CourtAppDate" type="xs:date" minOccurs="0" maxOccurs="1"/>
      <xs:element name="LetterInitCPDate" type="xs:date" minOccurs="0" maxOccurs="1"/>
    </xs:sequence>
  </xs:complexType>
  <xs:simpleType name="ppoutcometype">
    <xs:restriction base="nonEmptyString">
      <xs:enumeration value="A"/>
      <xs:enumeration value="B"/>
      <xs:enumeration value="C"/>
    </xs:restriction>
  </xs:simpleType>
`;

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`The CIN census XSD does not have exactly one ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** The 2024-25 schema from the text of cin-census-2024.xsd. */
export function censusSchema2025(xsd2024: string): string {
  let xsd = replaceOnce(xsd2024, GENDER_ELEMENT, SEX_ELEMENT);
  xsd = replaceOnce(xsd, PREVIOUS_CPP, PREVIOUS_CPP_2025);
  return replaceOnce(xsd, '</xs:schema>', `${SEX_TYPE}</xs:schema>`);
}

/** The 2026-27 test schema: 2024-25's with the Module 5 block (PreProceedingsandFGDM) in each CINdetails. */
export function censusSchema2027(xsd2024: string): string {
  let xsd = censusSchema2025(xsd2024);
  xsd = replaceOnce(xsd, CPP_IN_CINDETAILS, `${CPP_IN_CINDETAILS}\n      ${MODULE5_ELEMENT}`);
  return replaceOnce(xsd, '</xs:schema>', `${MODULE5_TYPES}</xs:schema>`);
}
