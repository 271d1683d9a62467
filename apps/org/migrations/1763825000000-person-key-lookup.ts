import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finds a resident by their person key (`p:` and the first 32 hex digits of the ID number's lookup hash), the
 * token subject a resident signs in with, so a resident can read their own record without knowing its id.
 */
export class OrgPersonKeyLookup1763825000000 implements MigrationInterface {
  name = 'OrgPersonKeyLookup1763825000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX resident_person_key_idx ON resident ((left(id_number_hash, 32)))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX resident_person_key_idx`);
  }
}
