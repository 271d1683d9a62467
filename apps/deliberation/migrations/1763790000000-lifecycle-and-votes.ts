import type { MigrationInterface, QueryRunner } from 'typeorm';

const LEVELS = `('COMPOUND', 'COMMUNITY', 'STREET')`;
const STATUSES = `('RAISED', 'DELIBERATING', 'DECIDED', 'IN_PROGRESS', 'EVALUATING', 'CLOSED', 'REJECTED', 'MERGED', 'ESCALATED')`;
const PARTIES = `ARRAY['COMMUNITY', 'COMPOUND_PARTY_ORGANIZATION', 'OWNERS_COMMITTEE', 'PROPERTY_COMPANY', 'RESIDENT_REPRESENTATIVES', 'STREET', 'GRID_WORKER']::text[]`;

/**
 * The matter lifecycle (channels, handling levels, deadlines, recorded transitions), the guide catalog, QR
 * intake codes, the electorate read model fed by org's events, votes with their frozen electorates and ballots,
 * meetings and evaluations.
 */
export class DeliberationLifecycleAndVotes1763790000000 implements MigrationInterface {
  name = 'DeliberationLifecycleAndVotes1763790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE matter
        ADD COLUMN channel text NOT NULL DEFAULT 'SELF_REPORT'
          CHECK (channel IN ('SELF_REPORT', 'INTAKE_CODE', 'DOOR_KNOCKING', 'GRID_WORKER', 'MEETING', 'CITY_HOTLINE')),
        ADD COLUMN hotline_ticket text,
        ADD COLUMN handling_level text NOT NULL DEFAULT 'COMPOUND' CHECK (handling_level IN ${LEVELS}),
        ADD COLUMN acknowledge_by timestamptz,
        ADD COLUMN answer_by timestamptz,
        ADD COLUMN acknowledged_at timestamptz,
        ADD COLUMN answered_at timestamptz,
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN handler text,
        ADD COLUMN property_company_id uuid,
        ADD COLUMN merged_into_id uuid REFERENCES matter (id),
        ADD COLUMN intake_code_id uuid,
        ADD CONSTRAINT matter_hotline_has_ticket CHECK (channel <> 'CITY_HOTLINE' OR hotline_ticket IS NOT NULL),
        ADD CONSTRAINT matter_merged_has_target CHECK ((status = 'MERGED') = (merged_into_id IS NOT NULL)),
        ADD CONSTRAINT matter_not_merged_into_itself CHECK (merged_into_id <> id)`);
    await q.query(`UPDATE matter SET acknowledge_by = raised_at + interval '1 day', answer_by = raised_at + interval '7 days'`);
    await q.query(`ALTER TABLE matter ALTER COLUMN acknowledge_by SET NOT NULL, ALTER COLUMN answer_by SET NOT NULL`);
    await q.query(`CREATE INDEX matter_unacknowledged_idx ON matter (acknowledge_by) WHERE acknowledged_at IS NULL`);
    await q.query(`CREATE INDEX matter_unanswered_idx ON matter (answer_by) WHERE answered_at IS NULL`);

    await q.query(`
      CREATE TABLE matter_transition (
        id uuid PRIMARY KEY,
        matter_id uuid NOT NULL REFERENCES matter (id),
        from_status text CHECK (from_status IN ${STATUSES}),
        to_status text NOT NULL CHECK (to_status IN ${STATUSES}),
        from_level text CHECK (from_level IN ${LEVELS}),
        to_level text NOT NULL CHECK (to_level IN ${LEVELS}),
        reason text,
        actor text NOT NULL,
        actor_role text NOT NULL,
        meeting_id uuid,
        at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT matter_transition_needs_reason
          CHECK (to_status NOT IN ('ESCALATED', 'REJECTED', 'MERGED') OR length(btrim(coalesce(reason, ''))) > 0)
      )`);
    await q.query(`CREATE INDEX matter_transition_matter_idx ON matter_transition (matter_id, id)`);
    await q.query(`
      INSERT INTO matter_transition (id, matter_id, from_status, to_status, from_level, to_level, actor, actor_role, at)
      SELECT id, id, NULL, 'RAISED', NULL, 'COMPOUND', raised_by, 'unknown', raised_at FROM matter`);

    await q.query(`
      CREATE TABLE guide_entry (
        id uuid PRIMARY KEY,
        district_id uuid NOT NULL,
        scope_path text NOT NULL,
        category text NOT NULL,
        default_level text NOT NULL CHECK (default_level IN ${LEVELS}),
        required_parties text[] NOT NULL DEFAULT '{}' CHECK (required_parties <@ ${PARTIES}),
        acknowledge_within_hours integer NOT NULL CHECK (acknowledge_within_hours BETWEEN 1 AND 720),
        answer_within_days integer NOT NULL CHECK (answer_within_days BETWEEN 1 AND 365),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT guide_entry_one_per_category UNIQUE (district_id, category)
      )`);
    await q.query(`CREATE INDEX guide_entry_scope_idx ON guide_entry (scope_path text_pattern_ops)`);

    await q.query(`
      CREATE TABLE intake_code (
        id uuid PRIMARY KEY,
        compound_id uuid NOT NULL,
        scope_path text NOT NULL,
        issued_by text NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        revoked_by text,
        revoked_at timestamptz,
        CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      )`);
    await q.query(`CREATE INDEX intake_code_compound_idx ON intake_code (compound_id, id)`);
    await q.query(`CREATE INDEX intake_code_scope_idx ON intake_code (scope_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE intake_rate_window (
        intake_code_id uuid NOT NULL REFERENCES intake_code (id),
        window_start timestamptz NOT NULL,
        raised integer NOT NULL CHECK (raised > 0),
        PRIMARY KEY (intake_code_id, window_start)
      )`);

    await q.query(`
      CREATE TABLE electorate_dwelling (
        dwelling_id uuid PRIMARY KEY,
        compound_id uuid NOT NULL,
        scope_path text NOT NULL,
        room_number text,
        room_at timestamptz,
        exclusive_area bigint NOT NULL CHECK (exclusive_area >= 0),
        developer_unsold boolean NOT NULL,
        facts_at timestamptz NOT NULL,
        headcount_key text,
        owner_keys text[] NOT NULL DEFAULT '{}',
        ownership_at timestamptz,
        CHECK ((headcount_key IS NULL) = (cardinality(owner_keys) = 0))
      )`);
    await q.query(`CREATE INDEX electorate_dwelling_compound_idx ON electorate_dwelling (compound_id)`);

    await q.query(`
      CREATE TABLE vote (
        id uuid PRIMARY KEY,
        compound_id uuid NOT NULL,
        scope_path text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('OWNERS_JOINT_DECISION', 'REPRESENTATIVE_ASSEMBLY', 'COMMITTEE_VOTE', 'POLL')),
        decision_class text NOT NULL CHECK (decision_class IN ('ORDINARY', 'SPECIAL')),
        subject jsonb NOT NULL,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        description text,
        matter_id uuid REFERENCES matter (id),
        fund_request_id uuid UNIQUE,
        ballot_mode text NOT NULL CHECK (ballot_mode IN ('YES_NO_ABSTAIN', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE')),
        options text[] NOT NULL DEFAULT '{}',
        secrecy text NOT NULL CHECK (secrecy IN ('ROLL_CALL', 'SECRET')),
        status text NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        closes_at timestamptz NOT NULL,
        closed_at timestamptz,
        notice_until timestamptz,
        result jsonb,
        CHECK (closes_at > opened_at),
        CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL AND result IS NOT NULL AND notice_until IS NOT NULL)),
        CHECK (kind <> 'OWNERS_JOINT_DECISION' OR ballot_mode = 'YES_NO_ABSTAIN'),
        CHECK ((ballot_mode = 'YES_NO_ABSTAIN') = (cardinality(options) = 0)),
        CHECK (ballot_mode = 'YES_NO_ABSTAIN' OR cardinality(options) BETWEEN 2 AND 50)
      )`);
    await q.query(`CREATE INDEX vote_compound_idx ON vote (compound_id, id)`);
    await q.query(`CREATE INDEX vote_scope_idx ON vote (scope_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE vote_elector (
        vote_id uuid NOT NULL REFERENCES vote (id),
        dwelling_id uuid NOT NULL,
        room_number text,
        exclusive_area bigint NOT NULL CHECK (exclusive_area >= 0),
        headcount_key text NOT NULL,
        owner_keys text[] NOT NULL,
        PRIMARY KEY (vote_id, dwelling_id)
      )`);
    await q.query(`
      CREATE TABLE ballot (
        id uuid PRIMARY KEY,
        vote_id uuid NOT NULL,
        dwelling_id uuid NOT NULL,
        choice text CHECK (choice IN ('YES', 'NO', 'ABSTAIN')),
        option_indexes integer[],
        channel text NOT NULL CHECK (channel IN ('ONLINE', 'PAPER', 'PROXY')),
        cast_by text NOT NULL,
        witness text,
        proxy_holder text,
        cast_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ballot_one_per_dwelling UNIQUE (vote_id, dwelling_id),
        CONSTRAINT ballot_from_the_frozen_electorate FOREIGN KEY (vote_id, dwelling_id) REFERENCES vote_elector (vote_id, dwelling_id),
        CHECK ((choice IS NULL) <> (option_indexes IS NULL)),
        CHECK (channel <> 'PAPER' OR length(btrim(coalesce(witness, ''))) > 0),
        CHECK (channel <> 'PROXY' OR length(btrim(coalesce(proxy_holder, ''))) > 0)
      )`);

    await q.query(`
      CREATE TABLE meeting (
        id uuid PRIMARY KEY,
        node_id uuid NOT NULL,
        scope_path text NOT NULL,
        level text NOT NULL CHECK (level IN ${LEVELS}),
        kind text NOT NULL CHECK (kind IN ('MONTHLY_DELIBERATION', 'FIVE_PARTY_JOINT', 'ONE_PLUS_THREE', 'OTHER')),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        scheduled_at timestamptz NOT NULL,
        invited_parties text[] NOT NULL CHECK (cardinality(invited_parties) > 0 AND invited_parties <@ ${PARTIES}),
        convened_by text NOT NULL,
        held_at timestamptz,
        minutes text,
        CHECK (kind <> 'FIVE_PARTY_JOINT' OR invited_parties @> ARRAY['COMMUNITY', 'COMPOUND_PARTY_ORGANIZATION', 'OWNERS_COMMITTEE', 'PROPERTY_COMPANY', 'RESIDENT_REPRESENTATIVES']::text[]),
        CHECK ((held_at IS NULL) = (minutes IS NULL))
      )`);
    await q.query(`CREATE INDEX meeting_scope_idx ON meeting (scope_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE meeting_agenda_item (
        meeting_id uuid NOT NULL REFERENCES meeting (id),
        matter_id uuid NOT NULL REFERENCES matter (id),
        PRIMARY KEY (meeting_id, matter_id)
      )`);
    await q.query(`
      CREATE TABLE meeting_attendance (
        meeting_id uuid NOT NULL REFERENCES meeting (id),
        party text NOT NULL CHECK (party = ANY (${PARTIES})),
        attendees integer NOT NULL CHECK (attendees > 0),
        PRIMARY KEY (meeting_id, party)
      )`);

    await q.query(`
      CREATE TABLE matter_evaluation (
        id uuid PRIMARY KEY,
        matter_id uuid NOT NULL REFERENCES matter (id),
        rater text NOT NULL,
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comment text,
        at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT matter_evaluation_one_per_rater UNIQUE (matter_id, rater)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'matter_evaluation',
      'meeting_attendance',
      'meeting_agenda_item',
      'meeting',
      'ballot',
      'vote_elector',
      'vote',
      'electorate_dwelling',
      'intake_rate_window',
      'intake_code',
      'guide_entry',
      'matter_transition',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP INDEX matter_unanswered_idx`);
    await q.query(`DROP INDEX matter_unacknowledged_idx`);
    await q.query(`
      ALTER TABLE matter DROP COLUMN channel, DROP COLUMN hotline_ticket, DROP COLUMN handling_level, DROP COLUMN acknowledge_by,
        DROP COLUMN answer_by, DROP COLUMN acknowledged_at, DROP COLUMN answered_at, DROP COLUMN closed_at, DROP COLUMN handler,
        DROP COLUMN property_company_id, DROP COLUMN merged_into_id, DROP COLUMN intake_code_id`);
  }
}
