import type { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from '@gongzhi/platform-db';

/**
 * The access log of personal information (个人信息访问记录, PIPL): one row per read of a full ID or phone number
 * or of sensitive tags, and per refused attempt. It is evidence, so the database itself keeps it honest:
 * UPDATE, DELETE and TRUNCATE raise and are revoked from PUBLIC; a row names exactly one person (a resident or
 * an owner); a granted read always states its purpose; owners have no phone or tags to read.
 */
export class OrgAccessLog1763810000000 implements MigrationInterface {
  name = 'OrgAccessLog1763810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE personal_data_access (
        id uuid PRIMARY KEY,
        accessed_at timestamptz NOT NULL DEFAULT now(),
        request_id text NOT NULL CHECK (length(request_id) <= 200),
        actor_sub text NOT NULL CHECK (length(actor_sub) BETWEEN 1 AND 200),
        actor_roles text[] NOT NULL,
        resident_id uuid REFERENCES resident (id),
        owner_id uuid REFERENCES owner (id),
        field text NOT NULL CHECK (field IN ('ID_NUMBER', 'PHONE', 'SENSITIVE_TAGS')),
        purpose text CHECK (length(purpose) BETWEEN 2 AND 200),
        outcome text NOT NULL CHECK (outcome IN ('GRANTED', 'DENIED')),
        scope_path text NOT NULL,
        CHECK (num_nonnulls(resident_id, owner_id) = 1),
        CHECK (owner_id IS NULL OR field = 'ID_NUMBER'),
        CHECK (outcome = 'DENIED' OR purpose IS NOT NULL)
      )`);
    // Auditors page newest first within their scopes, optionally for one person or one caller.
    await q.query(`CREATE INDEX personal_data_access_scope_idx ON personal_data_access (scope_path text_pattern_ops, id)`);
    await q.query(`CREATE INDEX personal_data_access_resident_idx ON personal_data_access (resident_id, id) WHERE resident_id IS NOT NULL`);
    await q.query(`CREATE INDEX personal_data_access_owner_idx ON personal_data_access (owner_id, id) WHERE owner_id IS NOT NULL`);
    await q.query(`CREATE INDEX personal_data_access_actor_idx ON personal_data_access (actor_sub, id)`);

    await makeAppendOnly(q, 'personal_data_access');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE personal_data_access`);
    await q.query(`DROP FUNCTION personal_data_access_append_only()`);
  }
}
