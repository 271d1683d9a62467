import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Compound → building → unit → dwelling; owners and their shares of dwellings; residents and where they live.
 * Personal identifiers are stored encrypted (AES-256-GCM) with a keyed hash beside them for exact lookup.
 */
export class OrgDwellingsOwnersResidents1763790000000 implements MigrationInterface {
  name = 'OrgDwellingsOwnersResidents1763790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE building (
        id uuid PRIMARY KEY,
        compound_id uuid NOT NULL REFERENCES compound (id),
        number text NOT NULL CHECK (length(btrim(number)) BETWEEN 1 AND 20),
        scope_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (compound_id, number)
      )`);
    await q.query(`
      CREATE TABLE unit (
        id uuid PRIMARY KEY,
        building_id uuid NOT NULL REFERENCES building (id),
        compound_id uuid NOT NULL REFERENCES compound (id),
        number text NOT NULL CHECK (length(btrim(number)) BETWEEN 1 AND 20),
        scope_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (building_id, number)
      )`);
    await q.query(`
      CREATE TABLE dwelling (
        id uuid PRIMARY KEY,
        unit_id uuid NOT NULL REFERENCES unit (id),
        building_id uuid NOT NULL REFERENCES building (id),
        compound_id uuid NOT NULL REFERENCES compound (id),
        room_number text NOT NULL CHECK (length(btrim(room_number)) BETWEEN 1 AND 20),
        exclusive_area integer NOT NULL CHECK (exclusive_area > 0 AND exclusive_area <= 100000000),
        area_source text NOT NULL CHECK (area_source IN ('REGISTER', 'SURVEY', 'CONTRACT')),
        developer_unsold boolean NOT NULL DEFAULT false,
        scope_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (unit_id, room_number)
      )`);
    await q.query(`CREATE INDEX dwelling_compound_idx ON dwelling (compound_id, id)`);
    await q.query(`CREATE INDEX dwelling_scope_idx ON dwelling (scope_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE owner (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('PERSON', 'ORGANIZATION')),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        identity_key text NOT NULL UNIQUE,
        id_number_cipher text,
        id_number_masked text,
        credit_code text,
        is_developer boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'PERSON') = (id_number_cipher IS NOT NULL)),
        CHECK ((kind = 'ORGANIZATION') = (credit_code IS NOT NULL)),
        CHECK (NOT is_developer OR kind = 'ORGANIZATION')
      )`);
    await q.query(`
      CREATE TABLE ownership (
        dwelling_id uuid NOT NULL REFERENCES dwelling (id),
        owner_id uuid NOT NULL REFERENCES owner (id),
        share_numerator integer NOT NULL CHECK (share_numerator > 0),
        share_denominator integer NOT NULL CHECK (share_denominator >= share_numerator),
        since date,
        PRIMARY KEY (dwelling_id, owner_id)
      )`);
    await q.query(`CREATE INDEX ownership_owner_idx ON ownership (owner_id)`);
    await q.query(`
      CREATE TABLE resident (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        id_number_cipher text NOT NULL,
        id_number_hash text NOT NULL UNIQUE,
        id_number_masked text NOT NULL,
        phone_cipher text,
        phone_masked text,
        household_registration text NOT NULL CHECK (household_registration IN ('LOCAL', 'NON_LOCAL')),
        care_tags text[] NOT NULL DEFAULT '{}',
        sensitive_tags text[] NOT NULL DEFAULT '{}',
        community_id uuid NOT NULL REFERENCES area (id),
        scope_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (care_tags <@ ARRAY['ELDERLY', 'DISABLED', 'VETERAN', 'LIVING_ALONE', 'IN_NEED']::text[]),
        CHECK (sensitive_tags <@ ARRAY['COMMUNITY_CORRECTION', 'HEALTH_RECORD']::text[])
      )`);
    await q.query(`CREATE INDEX resident_scope_idx ON resident (scope_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE residency (
        id uuid PRIMARY KEY,
        resident_id uuid NOT NULL REFERENCES resident (id),
        dwelling_id uuid NOT NULL REFERENCES dwelling (id),
        relation text NOT NULL CHECK (relation IN ('OWNER', 'FAMILY', 'TENANT')),
        moved_in date NOT NULL,
        moved_out date CHECK (moved_out IS NULL OR moved_out >= moved_in),
        scope_path text NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX residency_current_idx ON residency (resident_id, dwelling_id) WHERE moved_out IS NULL`);
    await q.query(`CREATE INDEX residency_dwelling_idx ON residency (dwelling_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['residency', 'resident', 'ownership', 'owner', 'dwelling', 'unit', 'building']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
