import type { MigrationInterface, QueryRunner } from 'typeorm';

const BODY_KINDS = `('OWNERS_COMMITTEE', 'PROPERTY_MANAGEMENT_COMMITTEE', 'SELF_MANAGEMENT_GROUP', 'PROMOTION_ASSOCIATION', 'NEIGHBOURHOOD_ASSOCIATION', 'VOLUNTEER_TEAM', 'MEDIATION_TEAM')`;

/**
 * Representative-assembly and committee votes of a self-governance body: the read model of each body's members
 * (fed by org's body-member events), and a vote's members frozen when it opens, whose ballots are one per member.
 */
export class DeliberationBodyElectorates1763790300000 implements MigrationInterface {
  name = 'DeliberationBodyElectorates1763790300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE body_member (
        member_id uuid PRIMARY KEY,
        body_id uuid NOT NULL,
        body_kind text NOT NULL CHECK (body_kind IN ${BODY_KINDS}),
        resident_id uuid NOT NULL,
        post text NOT NULL,
        compound_id uuid,
        scope_path text NOT NULL,
        serving boolean NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX body_member_serving_idx ON body_member (body_id) WHERE serving`);

    await q.query(`
      ALTER TABLE vote
        ADD COLUMN body_id uuid,
        ADD COLUMN body_kind text CHECK (body_kind IN ${BODY_KINDS}),
        ADD CONSTRAINT vote_body_named_with_kind CHECK ((body_id IS NULL) = (body_kind IS NULL)),
        ADD CONSTRAINT vote_body_only_for_assemblies_and_committees
          CHECK (body_id IS NULL OR kind IN ('REPRESENTATIVE_ASSEMBLY', 'COMMITTEE_VOTE'))`);
    await q.query(`
      CREATE TABLE vote_member (
        vote_id uuid NOT NULL REFERENCES vote (id),
        resident_id uuid NOT NULL,
        posts text[] NOT NULL CHECK (cardinality(posts) > 0),
        PRIMARY KEY (vote_id, resident_id)
      )`);
    // A ballot is a dwelling's (checked against vote_elector) or a member's (checked against vote_member); each
    // foreign key is skipped when its column is NULL, so each ballot meets exactly the one that applies to it.
    await q.query(`
      ALTER TABLE ballot
        ALTER COLUMN dwelling_id DROP NOT NULL,
        ADD COLUMN member_resident_id uuid,
        ADD CONSTRAINT ballot_one_elector CHECK ((dwelling_id IS NULL) <> (member_resident_id IS NULL)),
        ADD CONSTRAINT ballot_one_per_member UNIQUE (vote_id, member_resident_id),
        ADD CONSTRAINT ballot_from_the_frozen_members FOREIGN KEY (vote_id, member_resident_id) REFERENCES vote_member (vote_id, resident_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM ballot WHERE member_resident_id IS NOT NULL`);
    await q.query(`
      ALTER TABLE ballot DROP CONSTRAINT ballot_from_the_frozen_members, DROP CONSTRAINT ballot_one_per_member,
        DROP CONSTRAINT ballot_one_elector, DROP COLUMN member_resident_id, ALTER COLUMN dwelling_id SET NOT NULL`);
    await q.query(`DROP TABLE vote_member`);
    await q.query(`
      ALTER TABLE vote DROP CONSTRAINT vote_body_only_for_assemblies_and_committees, DROP CONSTRAINT vote_body_named_with_kind,
        DROP COLUMN body_kind, DROP COLUMN body_id`);
    await q.query(`DROP TABLE body_member`);
  }
}
