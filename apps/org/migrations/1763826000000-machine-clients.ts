import type { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from '@gongzhi/platform-db';

/**
 * Machine clients (机器客户端): city platforms and other systems that get their own tokens with client
 * credentials. A client belongs to a node (`scope_path`), holds non-administrative roles and may be granted
 * scopes under its node; its keys are client secrets stored only as scrypt hashes. Revocation is final: a
 * revoked key or client is never used again. Every change is recorded in `machine_client_audit`, which the
 * database keeps append-only like the personal-data access log. Keys and audit rows carry their client's
 * scope path, so every row is filtered by scope on its own.
 */
export class OrgMachineClients1763826000000 implements MigrationInterface {
  name = 'OrgMachineClients1763826000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE machine_client (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
        scope_path text NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) BETWEEN 1 AND 10),
        granted_scopes text[] NOT NULL CHECK (cardinality(granted_scopes) BETWEEN 1 AND 20),
        created_by text NOT NULL CHECK (length(created_by) >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by text CHECK (length(revoked_by) >= 1),
        CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      )`);
    await q.query(`CREATE INDEX machine_client_scope_idx ON machine_client (scope_path text_pattern_ops, id)`);
    // A name is unique among a node's clients that are still in use; a revoked client's name may be reused.
    await q.query(`CREATE UNIQUE INDEX machine_client_name_idx ON machine_client (scope_path, name) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE machine_client_key (
        id uuid PRIMARY KEY,
        client_id uuid NOT NULL REFERENCES machine_client (id),
        secret_hash text NOT NULL CHECK (secret_hash LIKE 'scrypt$%'),
        scope_path text NOT NULL,
        created_by text NOT NULL CHECK (length(created_by) >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by text CHECK (length(revoked_by) >= 1),
        CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      )`);
    await q.query(`CREATE INDEX machine_client_key_client_idx ON machine_client_key (client_id, id)`);
    await q.query(`CREATE INDEX machine_client_key_scope_idx ON machine_client_key (scope_path text_pattern_ops)`);

    await q.query(`
      CREATE TABLE machine_client_audit (
        id uuid PRIMARY KEY,
        client_id uuid NOT NULL REFERENCES machine_client (id),
        key_id uuid REFERENCES machine_client_key (id),
        action text NOT NULL CHECK (action IN ('REGISTERED', 'KEY_ISSUED', 'KEY_REVOKED', 'REVOKED')),
        actor_sub text NOT NULL CHECK (length(actor_sub) >= 1),
        actor_roles text[] NOT NULL,
        request_id text NOT NULL CHECK (length(request_id) <= 200),
        changed_at timestamptz NOT NULL DEFAULT now(),
        scope_path text NOT NULL,
        CHECK ((action IN ('KEY_ISSUED', 'KEY_REVOKED')) = (key_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX machine_client_audit_client_idx ON machine_client_audit (client_id, id)`);
    await q.query(`CREATE INDEX machine_client_audit_scope_idx ON machine_client_audit (scope_path text_pattern_ops)`);
    await makeAppendOnly(q, 'machine_client_audit');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE machine_client_audit`);
    await q.query(`DROP FUNCTION machine_client_audit_append_only()`);
    await q.query(`DROP TABLE machine_client_key`);
    await q.query(`DROP TABLE machine_client`);
  }
}
