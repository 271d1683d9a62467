import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff registrations are published (`property.staff-member.registered.v1`, `…ended.v1`) so that fund can check
 * property staff against the company serving a compound. Registrations made before these events existed are
 * put into the outbox once here, as the service would have published them; the relay sends them on start.
 */
export class PropertyStaffMemberEvents1763825000000 implements MigrationInterface {
  name = 'PropertyStaffMemberEvents1763825000000';

  async up(q: QueryRunner): Promise<void> {
    const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    const envelope = (type: string, at: string, data: string) => `
      jsonb_build_object('specversion', '1.0', 'id', gen_random_uuid()::text, 'source', '/gongzhi/property', 'type', '${type}',
        'time', ${iso(at)}, 'subject', m.id::text, 'datacontenttype', 'application/json', 'scope', m.scope_path, 'data', ${data})`;
    await q.query(`
      INSERT INTO outbox (id, type, envelope)
      SELECT (e->>'id')::uuid, e->>'type', e FROM (
        SELECT ${envelope('property.staff-member.registered.v1', 'm.registered_at', `jsonb_build_object('staffMemberId', m.id, 'companyId', m.company_id, 'subject', m.subject, 'registeredAt', ${iso('m.registered_at')})`)} AS e, m.registered_at AS at
          FROM property_staff_member m
        UNION ALL
        SELECT ${envelope('property.staff-member.ended.v1', 'm.ended_at', `jsonb_build_object('staffMemberId', m.id, 'companyId', m.company_id, 'subject', m.subject, 'endedAt', ${iso('m.ended_at')})`)}, m.ended_at
          FROM property_staff_member m WHERE m.ended_at IS NOT NULL
        ORDER BY at
      ) AS events`);
  }

  async down(): Promise<void> {
    // Published events cannot be recalled; consumers keep what they applied.
  }
}
