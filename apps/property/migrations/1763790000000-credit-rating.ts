import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Company profiles, service assignments with their handovers, evidence, rule catalogues and credit lists.
 * The invariants that matter are held by the database: one active assignment per compound (partial unique
 * index), per-kind evidence shapes (CHECKs), and immutability of published catalogues and lists (triggers).
 */
export class PropertyCreditRating1763790000000 implements MigrationInterface {
  name = 'PropertyCreditRating1763790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE property_company
        ADD COLUMN contact_person text,
        ADD COLUMN contact_phone text,
        ADD COLUMN qualifications text[] NOT NULL DEFAULT '{}',
        ADD COLUMN party_branch text,
        ADD COLUMN party_instructor text`);

    await q.query(`
      CREATE TABLE service_assignment (
        id uuid PRIMARY KEY,
        company_id uuid NOT NULL REFERENCES property_company (id),
        compound_id uuid NOT NULL,
        scope_path text NOT NULL,
        contract_start date NOT NULL,
        contract_end date,
        fee_model text CHECK (fee_model IN ('LUMP_SUM', 'REMUNERATION', 'TRUST_BASED')),
        fee_standard_fen integer CHECK (fee_standard_fen >= 0),
        status text NOT NULL CHECK (status IN ('ACTIVE', 'ENDED')),
        started_by_vote_id uuid UNIQUE,
        ended_on date,
        end_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (contract_end IS NULL OR contract_end > contract_start),
        CHECK ((status = 'ENDED') = (ended_on IS NOT NULL)),
        CHECK (ended_on IS NULL OR ended_on >= contract_start)
      )`);
    await q.query(`CREATE UNIQUE INDEX service_assignment_one_active_per_compound ON service_assignment (compound_id) WHERE status = 'ACTIVE'`);
    await q.query(`CREATE INDEX service_assignment_company_idx ON service_assignment (company_id, id)`);
    await q.query(`CREATE INDEX service_assignment_scope_idx ON service_assignment (scope_path text_pattern_ops)`);

    await q.query(`
      CREATE TABLE handover_item (
        id uuid PRIMARY KEY,
        assignment_id uuid NOT NULL REFERENCES service_assignment (id),
        phase text NOT NULL CHECK (phase IN ('ENTRY', 'EXIT')),
        category text NOT NULL CHECK (category IN ('FACILITIES', 'DOCUMENTS', 'ACCOUNTS', 'KEYS')),
        note text,
        committee_confirmed_by text,
        committee_confirmed_at timestamptz,
        community_confirmed_by text,
        community_confirmed_at timestamptz,
        UNIQUE (assignment_id, phase, category),
        CHECK ((committee_confirmed_by IS NULL) = (committee_confirmed_at IS NULL)),
        CHECK ((community_confirmed_by IS NULL) = (community_confirmed_at IS NULL))
      )`);

    // Owners' hire/dismiss decisions as received, so a late-arriving older vote never undoes a newer one.
    await q.query(`
      CREATE TABLE owners_decision (
        vote_id uuid PRIMARY KEY,
        compound_id uuid NOT NULL,
        company_id uuid NOT NULL,
        decision text NOT NULL CHECK (decision IN ('HIRE', 'DISMISS')),
        closed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX owners_decision_compound_idx ON owners_decision (compound_id, company_id, closed_at)`);

    await q.query(`
      CREATE TABLE evidence (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('SATISFACTION_SURVEY', 'INSPECTION', 'VIOLATION', 'COMMENDATION', 'MATTER_EVALUATED', 'MATTER_CLOSED')),
        company_id uuid NOT NULL REFERENCES property_company (id),
        compound_id uuid,
        scope_path text NOT NULL,
        occurred_on date NOT NULL,
        score_hundredths integer CHECK (score_hundredths BETWEEN 0 AND 10000),
        respondents integer CHECK (respondents > 0),
        checklist jsonb,
        violation_type text CHECK (violation_type IN ('ILLEGAL_CHARGES', 'ABANDONED_COMPOUND', 'SERVICE_BELOW_CONTRACT', 'SAFETY_HAZARD', 'OTHER')),
        severity text CHECK (severity IN ('MINOR', 'MAJOR', 'SERIOUS')),
        proof_reference text,
        commendation_level text CHECK (commendation_level IN ('DISTRICT', 'STREET', 'COMMUNITY')),
        title text,
        matter_id uuid,
        ratings integer CHECK (ratings > 0),
        mean_rating_hundredths integer CHECK (mean_rating_hundredths BETWEEN 100 AND 500),
        outcome text CHECK (outcome IN ('RESOLVED', 'REJECTED', 'MERGED')),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind <> 'SATISFACTION_SURVEY' OR (score_hundredths IS NOT NULL AND respondents IS NOT NULL AND compound_id IS NOT NULL)),
        CHECK (kind <> 'INSPECTION' OR (score_hundredths IS NOT NULL AND checklist IS NOT NULL AND compound_id IS NOT NULL)),
        CHECK (kind <> 'VIOLATION' OR (violation_type IS NOT NULL AND severity IS NOT NULL AND proof_reference IS NOT NULL)),
        CHECK (kind <> 'COMMENDATION' OR (commendation_level IS NOT NULL AND title IS NOT NULL)),
        CHECK (kind <> 'MATTER_EVALUATED' OR (matter_id IS NOT NULL AND ratings IS NOT NULL AND mean_rating_hundredths IS NOT NULL)),
        CHECK (kind <> 'MATTER_CLOSED' OR (matter_id IS NOT NULL AND outcome IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX evidence_one_per_matter_and_kind ON evidence (kind, matter_id) WHERE matter_id IS NOT NULL`);
    await q.query(`CREATE INDEX evidence_company_idx ON evidence (company_id, occurred_on)`);
    await q.query(`CREATE INDEX evidence_scope_idx ON evidence (scope_path text_pattern_ops)`);

    await q.query(`
      CREATE TABLE rule_catalogue (
        id uuid PRIMARY KEY,
        district_code text NOT NULL CHECK (district_code ~ '^\\d{6}$'),
        scope_path text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        rules jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (district_code, version),
        CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX rule_catalogue_scope_idx ON rule_catalogue (scope_path text_pattern_ops)`);

    await q.query(`
      CREATE TABLE credit_list (
        id uuid PRIMARY KEY,
        district_code text NOT NULL CHECK (district_code ~ '^\\d{6}$'),
        scope_path text NOT NULL,
        period_label text NOT NULL CHECK (length(btrim(period_label)) > 0),
        period_start date NOT NULL,
        period_end date NOT NULL,
        catalogue_id uuid NOT NULL REFERENCES rule_catalogue (id),
        status text NOT NULL CHECK (status IN ('DRAFT', 'IN_NOTICE', 'PUBLISHED')),
        notice_ends_at timestamptz,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (district_code, period_label),
        CHECK (period_end >= period_start),
        CHECK (status = 'DRAFT' OR notice_ends_at IS NOT NULL),
        CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX credit_list_scope_idx ON credit_list (scope_path text_pattern_ops)`);

    await q.query(`
      CREATE TABLE credit_score (
        id uuid PRIMARY KEY,
        list_id uuid NOT NULL REFERENCES credit_list (id),
        company_id uuid NOT NULL REFERENCES property_company (id),
        scope_path text NOT NULL,
        score_hundredths integer NOT NULL CHECK (score_hundredths BETWEEN 0 AND 10000),
        grade text NOT NULL,
        membership text NOT NULL CHECK (membership IN ('RED', 'BLACK', 'NONE')),
        lines jsonb NOT NULL,
        list_reasons jsonb NOT NULL,
        excluded_evidence_ids uuid[] NOT NULL DEFAULT '{}',
        rank integer NOT NULL CHECK (rank > 0),
        UNIQUE (list_id, company_id),
        -- Re-ranking after an upheld appeal moves several ranks in one statement.
        CONSTRAINT credit_score_rank_key UNIQUE (list_id, rank) DEFERRABLE INITIALLY DEFERRED
      )`);
    await q.query(`CREATE INDEX credit_score_company_idx ON credit_score (company_id, id)`);

    await q.query(`
      CREATE TABLE credit_appeal (
        id uuid PRIMARY KEY,
        list_id uuid NOT NULL REFERENCES credit_list (id),
        company_id uuid NOT NULL REFERENCES property_company (id),
        scope_path text NOT NULL,
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        disputed_evidence_ids uuid[] NOT NULL CHECK (cardinality(disputed_evidence_ids) > 0),
        status text NOT NULL CHECK (status IN ('PENDING', 'UPHELD', 'DISMISSED')),
        decision_reason text,
        filed_by text NOT NULL,
        filed_at timestamptz NOT NULL DEFAULT now(),
        decided_by text,
        decided_at timestamptz,
        CHECK ((status = 'PENDING') = (decided_at IS NULL)),
        CHECK (status = 'PENDING' OR length(btrim(decision_reason)) > 0)
      )`);
    await q.query(`CREATE INDEX credit_appeal_list_idx ON credit_appeal (list_id, id)`);

    await q.query(`
      CREATE TABLE service_disclosure (
        id uuid PRIMARY KEY,
        assignment_id uuid NOT NULL REFERENCES service_assignment (id),
        company_id uuid NOT NULL REFERENCES property_company (id),
        compound_id uuid NOT NULL,
        scope_path text NOT NULL,
        service_standards text NOT NULL CHECK (length(btrim(service_standards)) > 0),
        fees jsonb NOT NULL,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX service_disclosure_compound_idx ON service_disclosure (compound_id, id)`);

    // What the district published is what it must be able to defend later: no edits after publication.
    await q.query(`
      CREATE FUNCTION refuse_published_catalogue_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'PUBLISHED' THEN
          RAISE EXCEPTION 'rule catalogue % version % is published and cannot change', OLD.district_code, OLD.version
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER rule_catalogue_immutable BEFORE UPDATE OR DELETE ON rule_catalogue FOR EACH ROW EXECUTE FUNCTION refuse_published_catalogue_change()`);
    await q.query(`
      CREATE FUNCTION refuse_published_list_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'PUBLISHED' THEN
          RAISE EXCEPTION 'credit list % is published and cannot change', OLD.period_label USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`
      CREATE FUNCTION refuse_published_score_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM credit_list l WHERE l.id = OLD.list_id AND l.status = 'PUBLISHED') THEN
          RAISE EXCEPTION 'a score of a published credit list cannot change' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER credit_list_immutable BEFORE UPDATE OR DELETE ON credit_list FOR EACH ROW EXECUTE FUNCTION refuse_published_list_change()`);
    await q.query(`CREATE TRIGGER credit_score_immutable BEFORE UPDATE OR DELETE ON credit_score FOR EACH ROW EXECUTE FUNCTION refuse_published_score_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE service_disclosure, credit_appeal, credit_score, credit_list, rule_catalogue, evidence, owners_decision, handover_item, service_assignment`);
    await q.query(`DROP FUNCTION refuse_published_score_change(), refuse_published_list_change(), refuse_published_catalogue_change()`);
    await q.query(`
      ALTER TABLE property_company
        DROP COLUMN contact_person, DROP COLUMN contact_phone, DROP COLUMN qualifications, DROP COLUMN party_branch, DROP COLUMN party_instructor`);
  }
}
