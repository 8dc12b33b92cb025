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
