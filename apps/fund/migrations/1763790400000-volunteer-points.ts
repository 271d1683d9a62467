import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Volunteer points (志愿服务积分): one program per community, its rules (points per hour per activity type),
 * the awards earned from org's volunteer-service records, a catalogue of items paid by a micro-fund, and
 * redemptions. The database keeps the books straight by itself:
 * - one program per community (partial unique index);
 * - one award per service record and program, so a record republished under a new event id earns once;
 * - an award's unspent points never go below zero or above what it earned (no overdraft, whatever the code);
 * - a redemption's draws sum to its points, and every award's unspent points equal what it earned minus its
 *   draws (deferred checks at COMMIT); a draw takes from the same program and resident (composite keys);
 * - a redemption is tied to the paying fund's ledger entry through a composite foreign key;
 * - awards, draws and redemptions are append-only except an award's unspent points, which only a draw lowers.
 */
export class FundVolunteerPoints1763790400000 implements MigrationInterface {
  name = 'FundVolunteerPoints1763790400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX fund_one_points_program_per_community ON fund (community_code) WHERE kind = 'VOLUNTEER_POINTS'`);
    await q.query(`ALTER TABLE fund ADD CONSTRAINT fund_id_kind_unique UNIQUE (id, kind)`);

    await q.query(`
      CREATE TABLE points_rule (
        program_id uuid NOT NULL,
        program_kind text NOT NULL DEFAULT 'VOLUNTEER_POINTS' CHECK (program_kind = 'VOLUNTEER_POINTS'),
        activity_type text NOT NULL CHECK (activity_type ~ '^[A-Z][A-Z0-9_]{0,63}$'),
        points_per_hour integer NOT NULL CHECK (points_per_hour BETWEEN 1 AND 1000),
        set_by text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (program_id, activity_type),
        CONSTRAINT points_rule_program FOREIGN KEY (program_id, program_kind) REFERENCES fund (id, kind)
      )`);

    await q.query(`
      CREATE TABLE points_award (
        id uuid PRIMARY KEY,
        program_id uuid NOT NULL,
        program_kind text NOT NULL DEFAULT 'VOLUNTEER_POINTS' CHECK (program_kind = 'VOLUNTEER_POINTS'),
        record_id uuid NOT NULL,
        resident_id uuid NOT NULL,
        activity_type text NOT NULL,
        minutes integer NOT NULL CHECK (minutes > 0),
        points_per_hour integer NOT NULL CHECK (points_per_hour > 0),
        points integer NOT NULL CHECK (points > 0),
        unspent_points integer NOT NULL CHECK (unspent_points BETWEEN 0 AND points),
        service_date date NOT NULL,
        expires_on date CHECK (expires_on IS NULL OR expires_on > service_date),
        awarded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT points_award_once_per_record UNIQUE (program_id, record_id),
        CONSTRAINT points_award_owner_unique UNIQUE (id, program_id, resident_id),
        CONSTRAINT points_award_program FOREIGN KEY (program_id, program_kind) REFERENCES fund (id, kind)
      )`);
    await q.query(`CREATE INDEX points_award_resident_idx ON points_award (program_id, resident_id, expires_on)`);

    await q.query(`
      CREATE TABLE points_catalogue_item (
        id uuid PRIMARY KEY,
        program_id uuid NOT NULL,
        program_kind text NOT NULL DEFAULT 'VOLUNTEER_POINTS' CHECK (program_kind = 'VOLUNTEER_POINTS'),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        points_cost integer NOT NULL CHECK (points_cost > 0),
        paying_fund_id uuid NOT NULL,
        paying_fund_kind text NOT NULL DEFAULT 'COMMUNITY_MICRO_FUND' CHECK (paying_fund_kind = 'COMMUNITY_MICRO_FUND'),
        price_fen bigint NOT NULL CHECK (price_fen > 0),
        available boolean NOT NULL DEFAULT true,
        added_by text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT points_catalogue_item_program FOREIGN KEY (program_id, program_kind) REFERENCES fund (id, kind),
        CONSTRAINT points_catalogue_item_paying_fund FOREIGN KEY (paying_fund_id, paying_fund_kind) REFERENCES fund (id, kind)
      )`);
    await q.query(`CREATE INDEX points_catalogue_item_program_idx ON points_catalogue_item (program_id, id)`);

    await q.query(`
      CREATE TABLE points_redemption (
        id uuid PRIMARY KEY,
        program_id uuid NOT NULL REFERENCES fund (id),
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
        resident_id uuid NOT NULL,
        item_id uuid NOT NULL REFERENCES points_catalogue_item (id),
        points integer NOT NULL CHECK (points > 0),
        paying_fund_id uuid NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        entry_id uuid NOT NULL UNIQUE,
        redeemed_on date NOT NULL,
        redeemed_by text NOT NULL,
        redeemed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT points_redemption_key_unique UNIQUE (program_id, idempotency_key),
        CONSTRAINT points_redemption_owner_unique UNIQUE (id, program_id, resident_id),
        CONSTRAINT points_redemption_entry FOREIGN KEY (entry_id, paying_fund_id) REFERENCES journal_entry (id, fund_id)
      )`);
    await q.query(`CREATE INDEX points_redemption_program_idx ON points_redemption (program_id, id)`);

    await q.query(`
      CREATE TABLE points_draw (
        redemption_id uuid NOT NULL,
        award_id uuid NOT NULL,
        program_id uuid NOT NULL,
        resident_id uuid NOT NULL,
        points integer NOT NULL CHECK (points > 0),
        PRIMARY KEY (redemption_id, award_id),
        CONSTRAINT points_draw_redemption FOREIGN KEY (redemption_id, program_id, resident_id) REFERENCES points_redemption (id, program_id, resident_id),
        CONSTRAINT points_draw_award FOREIGN KEY (award_id, program_id, resident_id) REFERENCES points_award (id, program_id, resident_id)
      )`);
    await q.query(`CREATE INDEX points_draw_award_idx ON points_draw (award_id)`);

    await q.query(`
      CREATE FUNCTION points_redemption_must_be_drawn() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        drawn bigint;
        wanted integer;
      BEGIN
        SELECT r.points, coalesce((SELECT sum(d.points) FROM points_draw d WHERE d.redemption_id = r.id), 0)
          INTO wanted, drawn FROM points_redemption r WHERE r.id = NEW.id;
        IF drawn <> wanted THEN
          RAISE EXCEPTION 'points redemption % draws % points from awards but costs %', NEW.id, drawn, wanted
            USING ERRCODE = 'check_violation', CONSTRAINT = 'points_redemption_drawn';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER points_redemption_drawn AFTER INSERT ON points_redemption
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION points_redemption_must_be_drawn()`);

    // An award's unspent points are always what it earned minus what redemptions drew from it.
    await q.query(`
      CREATE FUNCTION points_award_must_match_draws() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        earned integer;
        unspent integer;
        drawn bigint;
      BEGIN
        SELECT a.points, a.unspent_points, coalesce((SELECT sum(d.points) FROM points_draw d WHERE d.award_id = a.id), 0)
          INTO earned, unspent, drawn FROM points_award a WHERE a.id = NEW.award_id;
        IF unspent <> earned - drawn THEN
          RAISE EXCEPTION 'points award % has % unspent points but earned % and had % drawn', NEW.award_id, unspent, earned, drawn
            USING ERRCODE = 'check_violation', CONSTRAINT = 'points_award_drawn';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER points_award_drawn AFTER INSERT ON points_draw
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION points_award_must_match_draws()`);

    // Only a draw lowers an award's unspent points; nothing else about an award ever changes.
    await q.query(`
      CREATE FUNCTION points_award_only_drawn() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.id, NEW.program_id, NEW.record_id, NEW.resident_id, NEW.activity_type, NEW.minutes, NEW.points_per_hour, NEW.points,
            NEW.service_date, NEW.expires_on, NEW.awarded_at)
           IS DISTINCT FROM
           (OLD.id, OLD.program_id, OLD.record_id, OLD.resident_id, OLD.activity_type, OLD.minutes, OLD.points_per_hour, OLD.points,
            OLD.service_date, OLD.expires_on, OLD.awarded_at)
           OR NEW.unspent_points > OLD.unspent_points THEN
          RAISE EXCEPTION 'points_award is append-only: only a redemption draws its unspent points down'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER points_award_only_drawn BEFORE UPDATE ON points_award FOR EACH ROW EXECUTE FUNCTION points_award_only_drawn()`);
    await q.query(`CREATE TRIGGER points_award_no_delete BEFORE DELETE ON points_award FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`);
    for (const table of ['points_redemption', 'points_draw']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`);
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`);
    }
    await q.query(`REVOKE DELETE, TRUNCATE ON points_award FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE points_draw`);
    await q.query(`DROP FUNCTION points_award_must_match_draws()`);
    await q.query(`DROP TABLE points_redemption`);
    await q.query(`DROP FUNCTION points_redemption_must_be_drawn()`);
    await q.query(`DROP TABLE points_catalogue_item`);
    await q.query(`DROP TABLE points_award`);
    await q.query(`DROP FUNCTION points_award_only_drawn()`);
    await q.query(`DROP TABLE points_rule`);
    await q.query(`ALTER TABLE fund DROP CONSTRAINT fund_id_kind_unique`);
    await q.query(`DROP INDEX fund_one_points_program_per_community`);
  }
}
