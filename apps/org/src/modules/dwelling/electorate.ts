import { Field, ID, Int, ObjectType } from 'type-graphql';

/** One dwelling of a compound's electorate under Civil Code art. 278. */
@ObjectType({ description: "One dwelling of a compound's owners' electorate (Civil Code art. 278)." })
export class ElectorateDwelling {
  @Field(() => ID)
  dwellingId!: string;

  @Field({ description: 'Building-unit-room, e.g. 3-2-1502.' })
  address!: string;

  @Field(() => Int, { description: 'Exclusive area in hundredths of a square metre.' })
  exclusiveArea!: number;

  @Field(() => [String], { description: 'Identity keys of the recorded owners (empty when none is recorded).' })
  ownerIdentityKeys!: string[];

  @Field({
    description:
      'Dwellings with the same key count as one owner: one buyer of several dwellings, all developer-unsold dwellings together (developer:<compound>), co-owners of one dwelling (keys joined by +).',
  })
  headcountKey!: string;

  @Field()
  developerUnsold!: boolean;
}

@ObjectType({ description: "A compound's owners' electorate: per dwelling its area and headcount key, with totals." })
export class Electorate {
  @Field(() => ID)
  compoundId!: string;

  @Field(() => Int, { description: 'Total exclusive area in hundredths of a square metre.' })
  totalArea!: number;

  @Field(() => Int, { description: 'Owner headcount: the number of distinct headcount keys.' })
  headcount!: number;

  @Field(() => Int)
  dwellingCount!: number;

  @Field(() => Int, { description: 'Dwellings with no recorded owner; each counts as one owner until one is recorded.' })
  dwellingsWithoutOwner!: number;

  @Field(() => [ElectorateDwelling])
  dwellings!: ElectorateDwelling[];
}

export interface ElectorateRow {
  dwelling_id: string;
  address: string;
  exclusive_area: number;
  developer_unsold: boolean;
  owner_keys: string[];
  headcount_key: string;
}

/**
 * The headcount key of each dwelling, computed in SQL so the electorate query and the ownership events agree:
 * developer-unsold dwellings share `developer:<compound>`; otherwise the sorted identity keys of the owners
 * joined by `+`; a dwelling with no recorded owner counts alone as `dwelling:<id>`.
 */
export const ELECTORATE_SQL = `
  SELECT d.id AS dwelling_id,
         b.number || '-' || u.number || '-' || d.room_number AS address,
         d.exclusive_area,
         d.developer_unsold,
         coalesce(array_agg(o.identity_key ORDER BY o.identity_key) FILTER (WHERE o.id IS NOT NULL), '{}') AS owner_keys,
         CASE WHEN d.developer_unsold THEN 'developer:' || d.compound_id
              WHEN count(o.id) = 0 THEN 'dwelling:' || d.id
              ELSE string_agg(o.identity_key, '+' ORDER BY o.identity_key) END AS headcount_key
    FROM dwelling d
    JOIN unit u ON u.id = d.unit_id
    JOIN building b ON b.id = d.building_id
    LEFT JOIN ownership s ON s.dwelling_id = d.id
    LEFT JOIN owner o ON o.id = s.owner_id`;

export function toElectorate(compoundId: string, rows: ElectorateRow[]): Electorate {
  const keys = new Set(rows.map((row) => row.headcount_key));
  return {
    compoundId,
    totalArea: rows.reduce((sum, row) => sum + row.exclusive_area, 0),
    headcount: keys.size,
    dwellingCount: rows.length,
    dwellingsWithoutOwner: rows.filter((row) => row.headcount_key.startsWith('dwelling:')).length,
    dwellings: rows.map((row) => ({
      dwellingId: row.dwelling_id,
      address: row.address,
      exclusiveArea: row.exclusive_area,
      ownerIdentityKeys: row.owner_keys,
      headcountKey: row.headcount_key,
      developerUnsold: row.developer_unsold,
    })),
  };
}
