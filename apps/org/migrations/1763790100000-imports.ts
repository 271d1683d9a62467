import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Bulk imports and their rejected rows; `uuid_v7()` gives set-based inserts the same time-ordered ids as the app. */
export class OrgImports1763790100000 implements MigrationInterface {
  name = 'OrgImports1763790100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
        SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
          PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
          52, 1), 53, 1), 'hex')::uuid
      $$`);
    // A keyed hash of the phone number, so a re-import can tell a changed number from an unchanged one.
    await q.query(`ALTER TABLE resident ADD COLUMN phone_hash text`);
    await q.query(`
      CREATE TABLE import_job (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('DWELLINGS', 'OWNERS', 'RESIDENTS')),
        format text NOT NULL CHECK (format IN ('CSV', 'NDJSON')),
        total_rows integer NOT NULL,
        inserted integer NOT NULL,
        updated integer NOT NULL,
        unchanged integer NOT NULL,
        rejected integer NOT NULL,
        started_by text NOT NULL,
        scope_paths text[] NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE import_rejection (
        id uuid PRIMARY KEY,
        import_id uuid NOT NULL REFERENCES import_job (id),
        line integer NOT NULL,
        field text NOT NULL,
        reason text NOT NULL,
        message text NOT NULL
      )`);
    await q.query(`CREATE INDEX import_rejection_job_idx ON import_rejection (import_id, line)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_rejection`);
    await q.query(`DROP TABLE import_job`);
    await q.query(`DROP FUNCTION uuid_v7()`);
    await q.query(`ALTER TABLE resident DROP COLUMN phone_hash`);
  }
}
