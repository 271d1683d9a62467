import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Property staff tied to their company, a company's identity kept fixed while its profile is edited, and the
 * company's name frozen into each score so that renaming a company never rewrites a published list.
 */
export class PropertyCompanyStaffAndProfile1763800000000 implements MigrationInterface {
  name = 'PropertyCompanyStaffAndProfile1763800000000';

  async up(q: QueryRunner): Promise<void> {
    // A token's `sub` is who acts; the district records which company that person works for.
    await q.query(`
      CREATE TABLE property_staff_member (
        id uuid PRIMARY KEY,
        company_id uuid NOT NULL REFERENCES property_company (id),
        subject text NOT NULL CHECK (length(btrim(subject)) > 0),
        scope_path text NOT NULL,
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        ended_by text,
        ended_at timestamptz,
        CHECK ((ended_by IS NULL) = (ended_at IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX property_staff_member_one_company_per_subject ON property_staff_member (subject) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX property_staff_member_company_idx ON property_staff_member (company_id, id)`);

    await q.query(`ALTER TABLE property_company ADD COLUMN profile_updated_at timestamptz`);
    // The credit code identifies the company on every list ever published; the district it registered with
    // scopes everything about it. Neither changes: a different code is a different company.
    await q.query(`
      CREATE FUNCTION refuse_company_identity_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.credit_code <> OLD.credit_code OR NEW.district_code <> OLD.district_code OR NEW.scope_path <> OLD.scope_path THEN
          RAISE EXCEPTION 'the credit code and district of company % cannot change', OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER property_company_identity_immutable BEFORE UPDATE ON property_company FOR EACH ROW EXECUTE FUNCTION refuse_company_identity_change()`);

    await q.query(`ALTER TABLE credit_score ADD COLUMN company_name text`);
    // Published scores are frozen by a trigger; filling the new column is the one sanctioned write.
    await q.query(`ALTER TABLE credit_score DISABLE TRIGGER credit_score_immutable`);
    await q.query(`UPDATE credit_score s SET company_name = p.name FROM property_company p WHERE p.id = s.company_id`);
    await q.query(`ALTER TABLE credit_score ENABLE TRIGGER credit_score_immutable`);
    await q.query(`ALTER TABLE credit_score ALTER COLUMN company_name SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credit_score DROP COLUMN company_name`);
    await q.query(`DROP TRIGGER property_company_identity_immutable ON property_company`);
    await q.query(`DROP FUNCTION refuse_company_identity_change()`);
    await q.query(`ALTER TABLE property_company DROP COLUMN profile_updated_at`);
    await q.query(`DROP TABLE property_staff_member`);
  }
}
