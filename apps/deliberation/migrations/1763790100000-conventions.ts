import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Resident conventions (居民公约) and management statutes (管理规约) as versioned documents adopted by vote. */
export class DeliberationConventions1763790100000 implements MigrationInterface {
  name = 'DeliberationConventions1763790100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE convention (
        id uuid PRIMARY KEY,
        compound_id uuid NOT NULL,
        scope_path text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('RESIDENT_CONVENTION', 'MANAGEMENT_STATUTE')),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX convention_compound_idx ON convention (compound_id, id)`);
    await q.query(`CREATE INDEX convention_scope_idx ON convention (scope_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE convention_version (
        id uuid PRIMARY KEY,
        convention_id uuid NOT NULL REFERENCES convention (id),
        version integer NOT NULL CHECK (version > 0),
        body text NOT NULL CHECK (length(btrim(body)) > 0),
        status text NOT NULL CHECK (status IN ('DRAFT', 'VOTING', 'ADOPTED', 'REJECTED', 'SUPERSEDED')),
        vote_id uuid UNIQUE REFERENCES vote (id),
        drafted_by text NOT NULL,
        drafted_at timestamptz NOT NULL DEFAULT now(),
        adopted_at timestamptz,
        CONSTRAINT convention_version_numbered UNIQUE (convention_id, version),
        CHECK ((status = 'DRAFT') = (vote_id IS NULL)),
        CHECK ((status IN ('ADOPTED', 'SUPERSEDED')) = (adopted_at IS NOT NULL))
      )`);
    // One text in force and one draft under way per convention, whatever the application does.
    await q.query(`CREATE UNIQUE INDEX convention_one_in_force ON convention_version (convention_id) WHERE status = 'ADOPTED'`);
    await q.query(`CREATE UNIQUE INDEX convention_one_open_draft ON convention_version (convention_id) WHERE status IN ('DRAFT', 'VOTING')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE convention_version`);
    await q.query(`DROP TABLE convention`);
  }
}
