import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Finds the open votes whose end time has passed without scanning closed ones (the due-vote closer's sweep). */
export class DeliberationDueVotes1763790200000 implements MigrationInterface {
  name = 'DeliberationDueVotes1763790200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX vote_open_closes_at_idx ON vote (closes_at) WHERE status = 'OPEN'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX vote_open_closes_at_idx`);
  }
}
