import type { QueryRunner } from 'typeorm';

/**
 * Makes a log table append-only (an access log, an audit trail): UPDATE, DELETE and TRUNCATE raise
 * `insufficient_privilege` through the trigger function `<table>_append_only()`, and are revoked from PUBLIC.
 * The table's migration drops the function after the table in its `down`.
 */
export async function makeAppendOnly(q: QueryRunner, table: string): Promise<void> {
  await q.query(`
      CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '${table} is append-only: % is not allowed', lower(TG_OP)
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
  await q.query(`
      CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`);
  await q.query(`
      CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`);
  await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`);
}
