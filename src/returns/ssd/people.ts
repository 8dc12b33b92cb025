// SSD objects about the person (decision 0033): the child, their addresses, disabilities, immigration
// status, identifiers, and a child who is herself a mother. People are children and unborn children on
// the record, not deleted and not merged into another record (adults appear only through relationships).
import { liveChild, type SsdView } from './view.ts';

const children = `FROM person p WHERE p.deleted_at IS NULL AND p.merged_into IS NULL AND p.kind IN ('child', 'unborn')`;

/** A relationship that makes a child a mother: she is the child's mother, or a parent not recorded as male (SSD PERS011A). */
const motherhood = (r: string, m: string) =>
  `${r}.deleted_at IS NULL AND ${r}.kind IN ('mother', 'parent') AND ${m}.kind = 'child' AND ${m}.deleted_at IS NULL AND ${m}.merged_into IS NULL AND ${m}.sex IS DISTINCT FROM 'M'`;

/** The person row of a child on the record (as ssd_person counts them). */
const liveChildOf = (c: string) => `${c}.deleted_at IS NULL AND ${c}.merged_into IS NULL AND ${c}.kind IN ('child', 'unborn')`;

export const PEOPLE_VIEWS: SsdView[] = [
  {
    object: 'ssd_person',
    columns: {
      pers_person_id: 'p.id',
      pers_forename: 'p.first_name',
      pers_surname: 'p.last_name',
      pers_sex: 'p.sex',
      pers_gender: null,
      pers_ethnicity: 'p.ethnicity',
      pers_dob: 'p.date_of_birth',
      pers_common_child_id: 'p.nhs_number',
      pers_legacy_id: 'p.la_child_id',
      pers_upn_unknown: null,
      pers_send_flag: null,
      pers_expected_dob: 'p.expected_date_of_birth',
      pers_death_date: 'p.date_of_death',
      pers_is_mother: `CASE WHEN EXISTS (SELECT 1 FROM relationship r JOIN person m ON m.id = r.related_person_id JOIN person c ON c.id = r.person_id
        WHERE r.related_person_id = p.id AND ${motherhood('r', 'm')} AND ${liveChildOf('c')}) THEN 'Y' ELSE 'N' END`,
      pers_nationality: null,
    },
    from: children,
  },
  // The family Lantern records is a sibling group to be placed for adoption together ("for linking to
  // adoptive family"): Annex A's family identifier (decision 0055). Other people are linked by relationships.
  {
    object: 'ssd_family',
    columns: { fami_table_id: 'm.id', fami_family_id: 'm.group_id', fami_person_id: 'm.child_id' },
    from: `FROM sibling_group_member m JOIN sibling_group g ON g.id = m.group_id
WHERE m.deleted_at IS NULL AND g.deleted_at IS NULL AND g.decision = 'together' AND ${liveChild('m.child_id')}`,
  },
  {
    object: 'ssd_address',
    columns: {
      addr_table_id: 'a.id',
      // The SSD's dictionary with every key; Lantern keeps two address lines and the town.
      addr_address_json: `json_build_object('ROOM', '', 'FLOOR', '', 'FLAT', '', 'BUILDING', '', 'HOUSE', '', 'STREET', concat_ws(', ', a.line1, a.line2), 'TOWN', COALESCE(a.town, ''), 'UPRN', '', 'EASTING', '', 'NORTHING', '')::text`,
      addr_person_id: 'a.person_id',
      addr_address_type: null,
      addr_address_start_date: 'a.from_date',
      addr_address_end_date: 'a.to_date',
      addr_address_postcode: 'a.postcode',
    },
    from: `FROM address a WHERE a.deleted_at IS NULL AND ${liveChild('a.person_id')}`,
  },
  {
    object: 'ssd_disability',
    columns: { disa_person_id: 'd.person_id', disa_table_id: 'd.id', disa_disability_code: 'd.code' },
    from: `FROM person_disability d WHERE d.deleted_at IS NULL AND ${liveChild('d.person_id')}`,
  },
  {
    // Lantern keeps the current status on the person, without dates: one row per child who has one.
    object: 'ssd_immigration_status',
    columns: {
      immi_person_id: 'p.id',
      immi_immigration_status_id: 'p.id',
      immi_immigration_status: 'p.immigration_status',
      immi_immigration_status_start_date: null,
      immi_immigration_status_end_date: null,
    },
    from: `${children} AND p.immigration_status IS NOT NULL`,
  },
  {
    object: 'ssd_mother',
    columns: {
      moth_table_id: 'r.id',
      moth_person_id: 'r.related_person_id',
      moth_childs_person_id: 'r.person_id',
      moth_childs_dob: 'c.date_of_birth',
    },
    from: `FROM relationship r JOIN person m ON m.id = r.related_person_id JOIN person c ON c.id = r.person_id
WHERE ${motherhood('r', 'm')} AND ${liveChildOf('c')}`,
  },
  {
    // The identifiers Lantern keeps on the person, one row each (ids: the person's id and the kind).
    object: 'ssd_linked_identifiers',
    columns: {
      link_table_id: `i.person_id || ':' || i.short`,
      link_person_id: 'i.person_id',
      link_identifier_type: 'i.kind',
      link_identifier_value: 'i.value',
      link_valid_from_date: null,
      link_valid_to_date: null,
    },
    from: `FROM (
  SELECT p.id::text AS person_id, v.short, v.kind, v.value
  FROM person p CROSS JOIN LATERAL (VALUES
    ('la', 'Local authority child ID', p.la_child_id),
    ('nhs', 'NHS number', p.nhs_number),
    ('upn', 'Unique Pupil Number', p.upn),
    ('former-upn', 'Former Unique Pupil Number', p.former_upn)) v(short, kind, value)
  WHERE p.deleted_at IS NULL AND p.merged_into IS NULL AND p.kind IN ('child', 'unborn') AND v.value IS NOT NULL
) i`,
  },
];
