import { ID_NUMBER_MESSAGES, creditCodeProblem, idNumberProblem, maskIdNumber, maskPhone } from '@gongzhi/standards';
import { ELECTORATE_SQL } from '../dwelling/electorate';
import { organizationKey, type PersonalDataCipher } from '../resident/personal-data';
import { areaHundredths, flag, isoDate, oneOf, required, RowError, share, text, type Raw } from './import-fields';
import { ImportKind } from './import.entity';

export type StageValue = string | number | boolean | null | string[];
export type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** A check run in SQL over the staged rows: each row it returns is rejected with its message. */
export interface StageCheck {
  field: string;
  reason: string;
  /** Selects `line` and `message` from `stage s`; $1 is the caller's scope LIKE patterns. */
  sql: string;
}

export interface MergeCounts {
  inserted: number;
  updated: number;
}

export interface KindDefinition {
  /** Staging columns after `line integer`. */
  columns: [string, string][];
  normalize(raw: Raw, cipher: PersonalDataCipher): StageValue[];
  checks: StageCheck[];
  /** Extra validation that needs whole groups of rows; returns rejections. */
  groupCheck?(query: Query): Promise<{ line: number; field: string; reason: string; message: string }[]>;
  merge(query: Query): Promise<MergeCounts>;
}

const LABEL = /^[0-9A-Za-z\u4e00-\u9fa5-]{1,20}$/;
const label = (raw: Raw, field: string) => required(raw, field, { max: 20, pattern: LABEL, patternMessage: 'must be 1 to 20 letters, digits, Chinese characters or hyphens' });
const compoundCode = (raw: Raw) => required(raw, 'compound_code', { pattern: /^\d{15}$/, patternMessage: 'must be a 15-digit compound code' });

/** An envelope built in SQL, matching what `createEnvelope` builds in code. */
function envelope(type: string, subject: string, scope: string, data: string): string {
  return `jsonb_build_object('specversion', '1.0', 'id', gen_random_uuid(), 'source', '/gongzhi/org', 'type', ${type},
    'time', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'subject', ${subject},
    'datacontenttype', 'application/json', 'scope', ${scope}, 'data', ${data})`;
}

function insertOutbox(source: string, type: string, subject: string, scope: string, data: string): string {
  return `INSERT INTO outbox (id, type, envelope) SELECT (e.envelope->>'id')::uuid, e.envelope->>'type', e.envelope
            FROM (SELECT ${envelope(type, subject, scope, data)} AS envelope FROM ${source}) e`;
}

const dwellingJoin = `JOIN compound c ON c.code = s.compound_code
  JOIN building b ON b.compound_id = c.id AND b.number = s.building
  JOIN unit u ON u.building_id = b.id AND u.number = s.unit
  JOIN dwelling d ON d.unit_id = u.id AND d.room_number = s.room`;

const unknownCompound: StageCheck = {
  field: 'compound_code',
  reason: 'UNKNOWN_COMPOUND',
  sql: `SELECT s.line, 'no compound has the code ' || s.compound_code AS message FROM stage s LEFT JOIN compound c ON c.code = s.compound_code WHERE c.id IS NULL`,
};
const compoundOutOfScope: StageCheck = {
  field: 'compound_code',
  reason: 'OUT_OF_SCOPE',
  sql: `SELECT s.line, 'compound ' || s.compound_code || ' lies outside your scopes' AS message FROM stage s JOIN compound c ON c.code = s.compound_code WHERE NOT c.scope_path LIKE ANY($1)`,
};
const unknownDwelling: StageCheck = {
  field: 'room',
  reason: 'UNKNOWN_DWELLING',
  sql: `SELECT s.line, 'no dwelling ' || s.building || '-' || s.unit || '-' || s.room || ' in compound ' || s.compound_code AS message
          FROM stage s JOIN compound c ON c.code = s.compound_code
          LEFT JOIN building b ON b.compound_id = c.id AND b.number = s.building
          LEFT JOIN unit u ON u.building_id = b.id AND u.number = s.unit
          LEFT JOIN dwelling d ON d.unit_id = u.id AND d.room_number = s.room
         WHERE s.room IS NOT NULL AND d.id IS NULL`,
};
function duplicates(field: string, key: string, what: string): StageCheck {
  return {
    field,
    reason: 'DUPLICATE_IN_FILE',
    sql: `SELECT line, '${what} already appears on line ' || first AS message
            FROM (SELECT line, min(line) OVER (PARTITION BY ${key}) AS first FROM stage) d WHERE line <> first`,
  };
}

const dwellings: KindDefinition = {
  columns: [
    ['compound_code', 'text'],
    ['building', 'text'],
    ['unit', 'text'],
    ['room', 'text'],
    ['exclusive_area', 'integer'],
    ['area_source', 'text'],
    ['developer_unsold', 'boolean'],
  ],
  normalize: (raw) => [
    compoundCode(raw),
    label(raw, 'building'),
    label(raw, 'unit'),
    label(raw, 'room'),
    areaHundredths(raw, 'exclusive_area_m2'),
    oneOf(raw, 'area_source', ['REGISTER', 'SURVEY', 'CONTRACT'], 'REGISTER'),
    flag(raw, 'developer_unsold'),
  ],
  checks: [unknownCompound, compoundOutOfScope, duplicates('room', 'compound_code, building, unit, room', 'this dwelling')],
  async merge(query) {
    await query(`INSERT INTO building (id, compound_id, number, scope_path)
                 SELECT uuid_v7(), c.id, s.building, c.scope_path FROM (SELECT DISTINCT compound_code, building FROM stage) s
                   JOIN compound c ON c.code = s.compound_code
                 ON CONFLICT (compound_id, number) DO NOTHING`);
    await query(`INSERT INTO unit (id, building_id, compound_id, number, scope_path)
                 SELECT uuid_v7(), b.id, c.id, s.unit, c.scope_path FROM (SELECT DISTINCT compound_code, building, unit FROM stage) s
                   JOIN compound c ON c.code = s.compound_code JOIN building b ON b.compound_id = c.id AND b.number = s.building
                 ON CONFLICT (building_id, number) DO NOTHING`);
    const data = `jsonb_build_object('dwellingId', x.id, 'compoundId', x.compound_id, 'buildingId', x.building_id, 'unitId', x.unit_id,
      'roomNumber', x.room_number, 'exclusiveArea', x.exclusive_area, 'areaSource', x.area_source, 'developerUnsold', x.developer_unsold, 'scopePath', x.scope_path)`;
    const rows = await query(`
      WITH upserted AS (
        INSERT INTO dwelling (id, unit_id, building_id, compound_id, room_number, exclusive_area, area_source, developer_unsold, scope_path)
        SELECT uuid_v7(), u.id, b.id, c.id, s.room, s.exclusive_area, s.area_source, s.developer_unsold, c.scope_path
          FROM stage s JOIN compound c ON c.code = s.compound_code
          JOIN building b ON b.compound_id = c.id AND b.number = s.building
          JOIN unit u ON u.building_id = b.id AND u.number = s.unit
        ON CONFLICT (unit_id, room_number) DO UPDATE
          SET exclusive_area = EXCLUDED.exclusive_area, area_source = EXCLUDED.area_source, developer_unsold = EXCLUDED.developer_unsold, updated_at = now()
          WHERE (dwelling.exclusive_area, dwelling.area_source, dwelling.developer_unsold)
                IS DISTINCT FROM (EXCLUDED.exclusive_area, EXCLUDED.area_source, EXCLUDED.developer_unsold)
        RETURNING dwelling.*, (xmax = 0) AS inserted
      ), events AS (
        ${insertOutbox('upserted x', `CASE WHEN x.inserted THEN 'org.dwelling.registered.v1' ELSE 'org.dwelling.changed.v1' END`, 'x.id::text', 'x.scope_path', data)}
        RETURNING 1
      )
      SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated, (SELECT count(*) FROM events)::int AS events
        FROM upserted`);
    return { inserted: rows[0]!.inserted as number, updated: rows[0]!.updated as number };
  },
};

const owners: KindDefinition = {
  columns: [
    ['compound_code', 'text'],
    ['building', 'text'],
    ['unit', 'text'],
    ['room', 'text'],
    ['owner_kind', 'text'],
    ['owner_name', 'text'],
    ['identity_key', 'text'],
    ['id_cipher', 'text'],
    ['id_masked', 'text'],
    ['credit_code', 'text'],
    ['is_developer', 'boolean'],
    ['share_num', 'integer'],
    ['share_den', 'integer'],
  ],
  normalize(raw, cipher) {
    const kind = oneOf(raw, 'owner_kind', ['PERSON', 'ORGANIZATION'], 'PERSON');
    const name = required(raw, 'owner_name', { max: 100 });
    const isDeveloper = flag(raw, 'is_developer');
    const [numerator, denominator] = share(raw, 'share');
    const address = [compoundCode(raw), label(raw, 'building'), label(raw, 'unit'), label(raw, 'room')];
    if (kind === 'PERSON') {
      const idNumber = required(raw, 'id_number', { max: 18 }).toUpperCase();
      const problem = idNumberProblem(idNumber);
      if (problem) throw new RowError('id_number', `ID_NUMBER_${problem}`, ID_NUMBER_MESSAGES[problem]);
      if (isDeveloper) throw new RowError('is_developer', 'DEVELOPER_IS_ORGANIZATION', 'the developer is an organization');
      return [...address, kind, name, cipher.personKey(idNumber), cipher.encrypt(idNumber), maskIdNumber(idNumber), null, false, numerator, denominator];
    }
    const creditCode = required(raw, 'credit_code', { max: 18 }).toUpperCase();
    if (creditCodeProblem(creditCode)) throw new RowError('credit_code', 'INVALID_CREDIT_CODE', 'is not a valid unified social credit code (GB 32100)');
    return [...address, kind, name, organizationKey(creditCode), null, null, creditCode, isDeveloper, numerator, denominator];
  },
  checks: [unknownCompound, compoundOutOfScope, unknownDwelling, duplicates('id_number', 'compound_code, building, unit, room, identity_key', 'this owner of this dwelling')],
  async groupCheck(query) {
    const groups = await query(`SELECT array_agg(line ORDER BY line) AS lines, array_agg(share_num) AS nums, array_agg(share_den) AS dens
                                  FROM stage GROUP BY compound_code, building, unit, room`);
    const rejections: { line: number; field: string; reason: string; message: string }[] = [];
    for (const group of groups) {
      const nums = group.nums as number[];
      const dens = group.dens as number[];
      let numerator = 0n;
      let denominator = 1n;
      nums.forEach((n, i) => {
        numerator = numerator * BigInt(dens[i]!) + BigInt(n) * denominator;
        denominator *= BigInt(dens[i]!);
      });
      if (numerator !== denominator) {
        for (const line of group.lines as number[]) {
          rejections.push({ line, field: 'share', reason: 'SHARES_DO_NOT_ADD_UP', message: 'the shares of this dwelling’s owners must add up to exactly 1' });
        }
      }
    }
    return rejections;
  },
  async merge(query) {
    await query(`INSERT INTO owner (id, kind, name, identity_key, id_number_cipher, id_number_masked, credit_code, is_developer)
                 SELECT DISTINCT ON (identity_key) uuid_v7(), owner_kind, owner_name, identity_key, id_cipher, id_masked, credit_code, is_developer
                   FROM stage ORDER BY identity_key, line
                 ON CONFLICT (identity_key) DO UPDATE SET name = EXCLUDED.name, is_developer = EXCLUDED.is_developer
                   WHERE (owner.name, owner.is_developer) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.is_developer)`);
    await query(`CREATE TEMP TABLE target ON COMMIT DROP AS
                 SELECT d.id AS dwelling_id, o.id AS owner_id, s.share_num, s.share_den, s.line
                   FROM stage s ${dwellingJoin} JOIN owner o ON o.identity_key = s.identity_key`);
    await query(`CREATE TEMP TABLE changed ON COMMIT DROP AS
                 SELECT t.dwelling_id, NOT EXISTS (SELECT 1 FROM ownership x WHERE x.dwelling_id = t.dwelling_id) AS was_empty
                   FROM (SELECT DISTINCT dwelling_id FROM target) t
                  WHERE (SELECT array_agg(owner_id::text || ':' || share_num || '/' || share_den ORDER BY owner_id) FROM target WHERE dwelling_id = t.dwelling_id)
                        IS DISTINCT FROM
                        (SELECT array_agg(owner_id::text || ':' || share_numerator || '/' || share_denominator ORDER BY owner_id) FROM ownership WHERE dwelling_id = t.dwelling_id)`);
    await query(`DELETE FROM ownership WHERE dwelling_id IN (SELECT dwelling_id FROM changed)`);
    await query(`INSERT INTO ownership (dwelling_id, owner_id, share_numerator, share_denominator)
                 SELECT dwelling_id, owner_id, share_num, share_den FROM target WHERE dwelling_id IN (SELECT dwelling_id FROM changed)`);
    const data = `jsonb_build_object('dwellingId', x.dwelling_id, 'compoundId', x.compound_id, 'exclusiveArea', x.exclusive_area,
      'developerUnsold', x.developer_unsold, 'headcountKey', x.headcount_key, 'owners', x.owners, 'scopePath', x.scope_path)`;
    await query(`${insertOutbox(
      `(SELECT e.dwelling_id, d.compound_id, d.exclusive_area, d.developer_unsold, e.headcount_key, d.scope_path,
               (SELECT jsonb_agg(jsonb_build_object('ownerId', o.id, 'identityKey', o.identity_key, 'kind', o.kind, 'isDeveloper', o.is_developer,
                                                    'shareNumerator', s.share_numerator, 'shareDenominator', s.share_denominator) ORDER BY o.identity_key)
                  FROM ownership s JOIN owner o ON o.id = s.owner_id WHERE s.dwelling_id = d.id) AS owners
          FROM (${ELECTORATE_SQL} WHERE d.id IN (SELECT dwelling_id FROM changed) GROUP BY d.id, b.number, u.number) e
          JOIN dwelling d ON d.id = e.dwelling_id) x`,
      `'org.ownership.changed.v1'`,
      'x.dwelling_id::text',
      'x.scope_path',
      data,
    )}`);
    const [counts] = await query(`SELECT count(*) FILTER (WHERE c.was_empty)::int AS inserted, count(*) FILTER (WHERE NOT c.was_empty)::int AS updated
                                    FROM target t JOIN changed c ON c.dwelling_id = t.dwelling_id`);
    return { inserted: counts!.inserted as number, updated: counts!.updated as number };
  },
};

const CARE_TAGS = ['ELDERLY', 'DISABLED', 'VETERAN', 'LIVING_ALONE', 'IN_NEED'];

const residents: KindDefinition = {
  columns: [
    ['community_code', 'text'],
    ['name', 'text'],
    ['id_cipher', 'text'],
    ['id_hash', 'text'],
    ['id_masked', 'text'],
    ['phone_cipher', 'text'],
    ['phone_masked', 'text'],
    ['phone_hash', 'text'],
    ['household', 'text'],
    ['care_tags', 'text[]'],
    ['compound_code', 'text'],
    ['building', 'text'],
    ['unit', 'text'],
    ['room', 'text'],
    ['relation', 'text'],
    ['moved_in', 'date'],
  ],
  normalize(raw, cipher) {
    const communityCode = required(raw, 'community_code', { pattern: /^\d{12}$/, patternMessage: 'must be a 12-digit community code' });
    const name = required(raw, 'name', { max: 50 });
    const idNumber = required(raw, 'id_number', { max: 18 }).toUpperCase();
    const problem = idNumberProblem(idNumber);
    if (problem) throw new RowError('id_number', `ID_NUMBER_${problem}`, ID_NUMBER_MESSAGES[problem]);
    const phone = text(raw, 'phone', { max: 20, pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, patternMessage: 'must be an 11-digit mobile number or a landline with area code' });
    const household = oneOf(raw, 'household', ['LOCAL', 'NON_LOCAL']);
    const tags = (text(raw, 'care_tags', { max: 100 }) ?? '').split(/[;|]/).map((t) => t.trim().toUpperCase()).filter(Boolean);
    const unknownTag = tags.find((t) => !CARE_TAGS.includes(t));
    if (unknownTag) throw new RowError('care_tags', 'UNKNOWN_CARE_TAG', `${unknownTag} is not one of ${CARE_TAGS.join(', ')}`);
    let address: StageValue[] = [null, null, null, null, null, null];
    if (['compound_code', 'building', 'unit', 'room'].some((f) => text(raw, f, { max: 20 }))) {
      const movedIn = isoDate(raw, 'moved_in');
      if (!movedIn) throw new RowError('moved_in', 'REQUIRED', 'is required with an address');
      address = [compoundCode(raw), label(raw, 'building'), label(raw, 'unit'), label(raw, 'room'), oneOf(raw, 'relation', ['OWNER', 'FAMILY', 'TENANT']), movedIn];
    }
    return [
      communityCode,
      name,
      cipher.encrypt(idNumber),
      cipher.hash(idNumber),
      maskIdNumber(idNumber),
      phone ? cipher.encrypt(phone) : null,
      phone ? maskPhone(phone) : null,
      phone ? cipher.hash(phone) : null,
      household,
      [...new Set(tags)],
      ...address,
    ];
  },
  checks: [
    {
      field: 'community_code',
      reason: 'UNKNOWN_AREA_CODE',
      sql: `SELECT s.line, 'no community has the code ' || s.community_code AS message FROM stage s LEFT JOIN area a ON a.code = s.community_code AND a.level = 'COMMUNITY' WHERE a.id IS NULL`,
    },
    {
      field: 'community_code',
      reason: 'OUT_OF_SCOPE',
      sql: `SELECT s.line, 'community ' || s.community_code || ' lies outside your scopes' AS message FROM stage s JOIN area a ON a.code = s.community_code WHERE NOT a.scope_path LIKE ANY($1)`,
    },
    { ...unknownCompound, sql: `${unknownCompound.sql} AND s.compound_code IS NOT NULL` },
    {
      field: 'compound_code',
      reason: 'COMPOUND_OUTSIDE_COMMUNITY',
      sql: `SELECT s.line, 'compound ' || s.compound_code || ' is not in community ' || s.community_code AS message
              FROM stage s JOIN compound c ON c.code = s.compound_code JOIN area a ON a.id = c.community_id WHERE a.code <> s.community_code`,
    },
    unknownDwelling,
    duplicates('id_number', 'id_hash', 'this ID number'),
  ],
  async merge(query) {
    // Who was inserted or changed is counted in SQL: each statement notes its residents in `touched`.
    await query(`CREATE TEMP TABLE touched (resident_id uuid NOT NULL, inserted boolean NOT NULL) ON COMMIT DROP`);
    await query(`
      WITH upserted AS (
        INSERT INTO resident (id, name, id_number_cipher, id_number_hash, id_number_masked, phone_cipher, phone_masked, phone_hash,
                              household_registration, care_tags, community_id, scope_path)
        SELECT uuid_v7(), s.name, s.id_cipher, s.id_hash, s.id_masked, s.phone_cipher, s.phone_masked, s.phone_hash,
               s.household, s.care_tags, a.id, coalesce(c.scope_path, a.scope_path)
          FROM stage s JOIN area a ON a.code = s.community_code LEFT JOIN compound c ON c.code = s.compound_code
        ON CONFLICT (id_number_hash) DO UPDATE
          SET name = EXCLUDED.name, household_registration = EXCLUDED.household_registration, care_tags = EXCLUDED.care_tags,
              phone_cipher = EXCLUDED.phone_cipher, phone_masked = EXCLUDED.phone_masked, phone_hash = EXCLUDED.phone_hash,
              community_id = EXCLUDED.community_id, updated_at = now()
          WHERE (resident.name, resident.household_registration, resident.care_tags, resident.phone_hash, resident.community_id)
                IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.household_registration, EXCLUDED.care_tags, EXCLUDED.phone_hash, EXCLUDED.community_id)
        RETURNING id, (xmax = 0) AS inserted
      )
      INSERT INTO touched SELECT id, inserted FROM upserted`);
    const data = `jsonb_build_object('residentId', x.resident_id, 'dwellingId', x.dwelling_id, 'compoundId', x.compound_id,
      'relation', x.relation, 'date', to_char(x.moved_in, 'YYYY-MM-DD'), 'scopePath', x.scope_path)`;
    await query(`
      WITH moved AS (
        INSERT INTO residency (id, resident_id, dwelling_id, relation, moved_in, scope_path)
        SELECT uuid_v7(), r.id, d.id, s.relation, s.moved_in, d.scope_path
          FROM stage s ${dwellingJoin} JOIN resident r ON r.id_number_hash = s.id_hash
        ON CONFLICT (resident_id, dwelling_id) WHERE moved_out IS NULL DO NOTHING
        RETURNING residency.*
      ), located AS (
        UPDATE resident r SET scope_path = m.scope_path FROM moved m WHERE r.id = m.resident_id AND r.scope_path <> m.scope_path RETURNING r.id
      ), events AS (
        ${insertOutbox('(SELECT m.*, d.compound_id FROM moved m JOIN dwelling d ON d.id = m.dwelling_id) x', `'org.resident.moved-in.v1'`, 'x.resident_id::text', 'x.scope_path', data)}
        RETURNING 1
      )
      INSERT INTO touched SELECT resident_id, false FROM moved`);
    // A resident inserted now counts as inserted even when it also moved in; one updated or moved in, once.
    const [counts] = await query(`SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
                                    FROM (SELECT bool_or(inserted) AS inserted FROM touched GROUP BY resident_id) t`);
    return { inserted: counts!.inserted as number, updated: counts!.updated as number };
  },
};

export const KINDS: Record<ImportKind, KindDefinition> = {
  [ImportKind.DWELLINGS]: dwellings,
  [ImportKind.OWNERS]: owners,
  [ImportKind.RESIDENTS]: residents,
};
