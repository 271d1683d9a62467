import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * fund's copy of two facts property owns: who is registered as working for which company
 * (`property.staff-member.*`), and which company serves which compound (`property.assignment.*`). Together they
 * tell whether a `property_staff` caller may keep a trust account's books or publish its disclosures.
 * Both tables apply events in any order: an ending arriving first leaves a row that the start no longer reopens.
 */
export class FundPropertyStaffRegister1763825000000 implements MigrationInterface {
  name = 'FundPropertyStaffRegister1763825000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fund_property_staff (
        staff_member_id uuid PRIMARY KEY,
        company_id uuid NOT NULL,
        subject text NOT NULL,
        ended_at timestamptz
      )`);
    await q.query(`CREATE INDEX fund_property_staff_subject_idx ON fund_property_staff (subject) WHERE ended_at IS NULL`);
    await q.query(`
      CREATE TABLE fund_compound_service (
        assignment_id uuid PRIMARY KEY,
        company_id uuid NOT NULL,
        compound_id uuid NOT NULL,
        ended_on date
      )`);
    await q.query(`CREATE INDEX fund_compound_service_compound_idx ON fund_compound_service (compound_id) WHERE ended_on IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE fund_compound_service`);
    await q.query(`DROP TABLE fund_property_staff`);
  }
}
