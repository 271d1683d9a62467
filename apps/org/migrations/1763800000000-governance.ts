import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grids, party organization, self-governance bodies, building roles and field work. Every row carries the
 * scope path of the node it governs (a community or a compound) so reads filter by the caller's scopes in SQL.
 */
export class OrgGovernance1763800000000 implements MigrationInterface {
  name = 'OrgGovernance1763800000000';

  async up(q: QueryRunner): Promise<void> {
    // btree_gist lets one exclusion constraint combine uuid equality with range overlap (room bookings, terms).
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE grid (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^\\d{15}$' AND right(code, 3) <> '000'),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
        kind text NOT NULL CHECK (kind IN ('MASTER', 'GENERAL', 'MICRO', 'DEDICATED')),
        community_id uuid NOT NULL REFERENCES area (id),
        parent_id uuid REFERENCES grid (id),
        scope_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (community_id, name),
        CHECK (left(code, 12) = split_part(rtrim(scope_path, '/'), '/', -1)),
        CHECK ((kind = 'MASTER') = (parent_id IS NULL) OR kind = 'DEDICATED')
      )`);
    await q.query(`CREATE UNIQUE INDEX grid_one_master_idx ON grid (community_id) WHERE kind = 'MASTER'`);
    await q.query(`CREATE INDEX grid_scope_idx ON grid (scope_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE grid_coverage (
        id uuid PRIMARY KEY,
        grid_id uuid NOT NULL REFERENCES grid (id),
        building_id uuid NOT NULL REFERENCES building (id),
        unit_id uuid REFERENCES unit (id),
        UNIQUE NULLS NOT DISTINCT (grid_id, building_id, unit_id)
      )`);
    await q.query(`CREATE INDEX grid_coverage_grid_idx ON grid_coverage (grid_id)`);
    await q.query(`
      CREATE TABLE grid_worker (
        id uuid PRIMARY KEY,
        grid_id uuid NOT NULL REFERENCES grid (id),
        resident_id uuid REFERENCES resident (id),
        staff_sub text CHECK (length(btrim(staff_sub)) > 0),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        assigned_on date NOT NULL,
        released_on date CHECK (released_on IS NULL OR released_on >= assigned_on),
        scope_path text NOT NULL,
        CHECK (num_nonnulls(resident_id, staff_sub) = 1)
      )`);
    await q.query(`CREATE UNIQUE INDEX grid_worker_current_idx ON grid_worker (grid_id, coalesce(resident_id::text, staff_sub)) WHERE released_on IS NULL`);
    await q.query(`CREATE INDEX grid_worker_grid_idx ON grid_worker (grid_id)`);

    await q.query(`
      CREATE TABLE party_organization (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('COMMITTEE', 'GENERAL_BRANCH', 'BRANCH', 'GROUP')),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
        parent_id uuid REFERENCES party_organization (id),
        community_id uuid NOT NULL REFERENCES area (id),
        compound_id uuid REFERENCES compound (id),
        grid_id uuid REFERENCES grid (id),
        property_company_id uuid,
        scope_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (community_id, name),
        CHECK (kind = 'COMMITTEE' OR parent_id IS NOT NULL),
        CHECK (num_nonnulls(compound_id, grid_id, property_company_id) <= 1),
        CHECK (kind = 'BRANCH' OR num_nonnulls(compound_id, grid_id, property_company_id) = 0)
      )`);
    await q.query(`CREATE INDEX party_organization_scope_idx ON party_organization (scope_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE party_member (
        id uuid PRIMARY KEY,
        resident_id uuid NOT NULL UNIQUE REFERENCES resident (id),
        organization_id uuid NOT NULL REFERENCES party_organization (id),
        category text NOT NULL CHECK (category IN ('EMPLOYED', 'RETIRED', 'GOVERNMENT', 'MOBILE')),
        registered_community_id uuid REFERENCES area (id),
        registered_on date,
        registered_scope_path text,
        scope_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (num_nonnulls(registered_community_id, registered_on, registered_scope_path) IN (0, 3))
      )`);
    await q.query(`CREATE INDEX party_member_scope_idx ON party_member (scope_path text_pattern_ops)`);
    await q.query(`CREATE INDEX party_member_registered_scope_idx ON party_member (registered_scope_path text_pattern_ops)`);
    await q.query(`CREATE INDEX party_member_organization_idx ON party_member (organization_id, id)`);
    await q.query(`
      CREATE TABLE central_household (
        id uuid PRIMARY KEY,
        party_member_id uuid NOT NULL UNIQUE REFERENCES party_member (id),
        dwelling_id uuid NOT NULL UNIQUE REFERENCES dwelling (id),
        designated_on date NOT NULL,
        scope_path text NOT NULL
      )`);
    await q.query(`CREATE INDEX central_household_scope_idx ON central_household (scope_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE central_household_link (
        central_household_id uuid NOT NULL REFERENCES central_household (id),
        dwelling_id uuid NOT NULL UNIQUE REFERENCES dwelling (id),
        linked_on date NOT NULL,
        PRIMARY KEY (central_household_id, dwelling_id)
      )`);
    await q.query(`
      CREATE TABLE party_building_instructor (
        id uuid PRIMARY KEY,
        property_company_id uuid NOT NULL,
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 50),
        staff_sub text CHECK (length(btrim(staff_sub)) > 0),
        assigned_on date NOT NULL,
        ended_on date CHECK (ended_on IS NULL OR ended_on >= assigned_on),
        area_id uuid NOT NULL REFERENCES area (id),
        scope_path text NOT NULL
      )`);
    await q.query(`CREATE INDEX party_building_instructor_scope_idx ON party_building_instructor (scope_path text_pattern_ops)`);

    await q.query(`
      CREATE TABLE governance_body (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('OWNERS_COMMITTEE', 'PROPERTY_MANAGEMENT_COMMITTEE', 'SELF_MANAGEMENT_GROUP',
          'PROMOTION_ASSOCIATION', 'NEIGHBOURHOOD_ASSOCIATION', 'VOLUNTEER_TEAM', 'MEDIATION_TEAM')),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
        community_id uuid NOT NULL REFERENCES area (id),
        compound_id uuid REFERENCES compound (id),
        scope_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (compound_id IS NOT NULL OR kind NOT IN ('OWNERS_COMMITTEE', 'PROPERTY_MANAGEMENT_COMMITTEE', 'SELF_MANAGEMENT_GROUP'))
      )`);
    await q.query(`CREATE UNIQUE INDEX governance_body_name_idx ON governance_body (community_id, name)`);
    // One owners' committee and one property-management committee per compound at a time.
    await q.query(`CREATE UNIQUE INDEX governance_body_committee_idx ON governance_body (compound_id, kind) WHERE kind IN ('OWNERS_COMMITTEE', 'PROPERTY_MANAGEMENT_COMMITTEE')`);
    await q.query(`CREATE INDEX governance_body_scope_idx ON governance_body (scope_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE body_term (
        id uuid PRIMARY KEY,
        body_id uuid NOT NULL REFERENCES governance_body (id),
        starts_on date NOT NULL,
        ends_on date NOT NULL CHECK (ends_on > starts_on),
        filing_status text NOT NULL DEFAULT 'NOT_FILED' CHECK (filing_status IN ('NOT_FILED', 'FILED')),
        filed_on date,
        filing_authority text CHECK (length(btrim(filing_authority)) > 0),
        CHECK ((filing_status = 'FILED') = (filed_on IS NOT NULL AND filing_authority IS NOT NULL)),
        CHECK ((filing_status = 'NOT_FILED') = (filed_on IS NULL AND filing_authority IS NULL)),
        EXCLUDE USING gist (body_id WITH =, daterange(starts_on, ends_on) WITH &&)
      )`);
    await q.query(`
      CREATE TABLE body_group (
        id uuid PRIMARY KEY,
        body_id uuid NOT NULL REFERENCES governance_body (id),
        kind text NOT NULL CHECK (kind IN ('COUNCIL', 'SUPERVISORS', 'WORKING_GROUP')),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 50),
        UNIQUE (body_id, name)
      )`);
    await q.query(`CREATE UNIQUE INDEX body_group_one_council_idx ON body_group (body_id, kind) WHERE kind IN ('COUNCIL', 'SUPERVISORS')`);
    await q.query(`
      CREATE TABLE body_member (
        id uuid PRIMARY KEY,
        body_id uuid NOT NULL REFERENCES governance_body (id),
        group_id uuid REFERENCES body_group (id),
        resident_id uuid NOT NULL REFERENCES resident (id),
        post text NOT NULL CHECK (post IN ('CHAIR', 'VICE_CHAIR', 'SECRETARY', 'MEMBER', 'COUNCIL_MEMBER', 'SUPERVISOR', 'GROUP_LEADER')),
        appointed_on date NOT NULL,
        removed_on date CHECK (removed_on IS NULL OR removed_on >= appointed_on),
        scope_path text NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX body_member_current_idx ON body_member (body_id, resident_id) WHERE removed_on IS NULL`);
    await q.query(`CREATE UNIQUE INDEX body_member_one_chair_idx ON body_member (body_id) WHERE post = 'CHAIR' AND removed_on IS NULL`);
    await q.query(`CREATE INDEX body_member_body_idx ON body_member (body_id, id)`);

    await q.query(`
      CREATE TABLE building_leader (
        id uuid PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('BUILDING_LEADER', 'UNIT_LEADER')),
        building_id uuid NOT NULL REFERENCES building (id),
        unit_id uuid REFERENCES unit (id),
        compound_id uuid NOT NULL REFERENCES compound (id),
        resident_id uuid NOT NULL REFERENCES resident (id),
        appointed_on date NOT NULL,
        ended_on date CHECK (ended_on IS NULL OR ended_on >= appointed_on),
        scope_path text NOT NULL,
        CHECK ((role = 'UNIT_LEADER') = (unit_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX building_leader_current_idx ON building_leader (building_id) WHERE role = 'BUILDING_LEADER' AND ended_on IS NULL`);
    await q.query(`CREATE UNIQUE INDEX unit_leader_current_idx ON building_leader (unit_id) WHERE role = 'UNIT_LEADER' AND ended_on IS NULL`);
    await q.query(`CREATE INDEX building_leader_compound_idx ON building_leader (compound_id, id)`);
    await q.query(`
      CREATE TABLE household_visit (
        id uuid PRIMARY KEY,
        dwelling_id uuid NOT NULL REFERENCES dwelling (id),
        compound_id uuid NOT NULL REFERENCES compound (id),
        visitor_sub text NOT NULL,
        visitor_name text NOT NULL CHECK (length(btrim(visitor_name)) BETWEEN 1 AND 50),
        visited_at timestamptz NOT NULL,
        notes text NOT NULL CHECK (length(notes) <= 2000),
        scope_path text NOT NULL
      )`);
    await q.query(`CREATE INDEX household_visit_compound_idx ON household_visit (compound_id, id)`);
    await q.query(`CREATE INDEX household_visit_scope_idx ON household_visit (scope_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE patrol_schedule (
        id uuid PRIMARY KEY,
        compound_id uuid NOT NULL REFERENCES compound (id),
        team_id uuid REFERENCES governance_body (id),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
        weekdays integer[] NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ ARRAY[1, 2, 3, 4, 5, 6, 7]),
        starts_at time NOT NULL,
        ends_at time NOT NULL CHECK (ends_at > starts_at),
        route text NOT NULL CHECK (length(route) <= 500),
        scope_path text NOT NULL
      )`);
    await q.query(`CREATE INDEX patrol_schedule_scope_idx ON patrol_schedule (scope_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE patrol_log (
        id uuid PRIMARY KEY,
        schedule_id uuid NOT NULL REFERENCES patrol_schedule (id),
        patroller_sub text NOT NULL,
        patroller_name text NOT NULL CHECK (length(btrim(patroller_name)) BETWEEN 1 AND 50),
        started_at timestamptz NOT NULL,
        ended_at timestamptz NOT NULL CHECK (ended_at > started_at),
        findings text NOT NULL CHECK (length(findings) <= 2000),
        scope_path text NOT NULL
      )`);
    await q.query(`CREATE INDEX patrol_log_schedule_idx ON patrol_log (schedule_id, id)`);
    await q.query(`
      CREATE TABLE volunteer_service (
        id uuid PRIMARY KEY,
        resident_id uuid NOT NULL REFERENCES resident (id),
        team_id uuid REFERENCES governance_body (id),
        activity_type text NOT NULL CHECK (activity_type ~ '^[A-Z][A-Z0-9_]{0,39}$'),
        minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
        service_date date NOT NULL,
        community_id uuid NOT NULL REFERENCES area (id),
        recorded_by text NOT NULL,
        scope_path text NOT NULL
      )`);
    await q.query(`CREATE INDEX volunteer_service_scope_idx ON volunteer_service (scope_path text_pattern_ops)`);
    await q.query(`CREATE INDEX volunteer_service_resident_idx ON volunteer_service (resident_id, id)`);
    await q.query(`
      CREATE TABLE shared_space (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('NEIGHBOURHOOD_STATION', 'PARTY_SERVICE_STATION', 'OTHER')),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
        address text NOT NULL CHECK (length(btrim(address)) BETWEEN 1 AND 200),
        community_id uuid NOT NULL REFERENCES area (id),
        compound_id uuid REFERENCES compound (id),
        scope_path text NOT NULL,
        UNIQUE (community_id, name)
      )`);
    await q.query(`CREATE INDEX shared_space_scope_idx ON shared_space (scope_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE space_room (
        id uuid PRIMARY KEY,
        space_id uuid NOT NULL REFERENCES shared_space (id),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 50),
        functions text[] NOT NULL CHECK (cardinality(functions) >= 1 AND functions <@ ARRAY['MEETING', 'ACTIVITY', 'READING', 'CONSULTATION', 'ELDERLY_CARE', 'CHILD_CARE', 'MEDIATION', 'PARTY_EDUCATION']::text[]),
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
        scope_path text NOT NULL,
        UNIQUE (space_id, name)
      )`);
    await q.query(`
      CREATE TABLE room_booking (
        id uuid PRIMARY KEY,
        room_id uuid NOT NULL REFERENCES space_room (id),
        booked_by text NOT NULL,
        purpose text NOT NULL CHECK (length(btrim(purpose)) BETWEEN 1 AND 200),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        cancelled_at timestamptz,
        scope_path text NOT NULL,
        CONSTRAINT room_booking_no_overlap EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (cancelled_at IS NULL)
      )`);
    await q.query(`CREATE INDEX room_booking_room_idx ON room_booking (room_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'room_booking',
      'space_room',
      'shared_space',
      'volunteer_service',
      'patrol_log',
      'patrol_schedule',
      'household_visit',
      'building_leader',
      'body_member',
      'body_group',
      'body_term',
      'governance_body',
      'party_building_instructor',
      'central_household_link',
      'central_household',
      'party_member',
      'party_organization',
      'grid_worker',
      'grid_coverage',
      'grid',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
