import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Residents by scope path, then id: the first page of a street's or a community's residents is read path by path
 * (each path a compound's or a community's) from this index, instead of walking the whole table in id order past
 * every resident of the other streets (see ResidentService.list). It serves the prefix ranges of the index it
 * replaces as well.
 */
export class OrgResidentScopeOrder1763830000000 implements MigrationInterface {
  name = 'OrgResidentScopeOrder1763830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX resident_scope_id_idx ON resident (scope_path text_pattern_ops, id)`);
    await q.query(`DROP INDEX resident_scope_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX resident_scope_idx ON resident (scope_path text_pattern_ops)`);
    await q.query(`DROP INDEX resident_scope_id_idx`);
  }
}
