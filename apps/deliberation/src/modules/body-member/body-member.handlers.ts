import type { EntityManager } from 'typeorm';
import { orgBodyMemberAppointedV1, orgBodyMemberRemovedV1, type EventEnvelope, type OrgBodyMemberV1 } from '@gongzhi/contracts-events';
import { on, type Subscription } from '@gongzhi/platform-messaging';

/*
 * The members of each self-governance body (owners' committee 业委会, promotion association 促进会, …), fed only
 * by org's body-member events: one row per appointment, serving or not. Each change applies only over an older
 * one, so a removal that arrives before its appointment still leaves the member removed; on equal times the
 * removal wins.
 */

async function applyMember(data: OrgBodyMemberV1, envelope: EventEnvelope, manager: EntityManager, serving: boolean): Promise<void> {
  await manager.query(
    `INSERT INTO body_member (member_id, body_id, body_kind, resident_id, post, compound_id, scope_path, serving, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (member_id) DO UPDATE SET
       body_id = EXCLUDED.body_id, body_kind = EXCLUDED.body_kind, resident_id = EXCLUDED.resident_id, post = EXCLUDED.post,
       compound_id = EXCLUDED.compound_id, scope_path = EXCLUDED.scope_path, serving = EXCLUDED.serving, changed_at = EXCLUDED.changed_at
     WHERE body_member.changed_at < EXCLUDED.changed_at OR (body_member.changed_at = EXCLUDED.changed_at AND NOT EXCLUDED.serving)`,
    [data.memberId, data.bodyId, data.bodyKind, data.residentId, data.post, data.compoundId, data.scopePath, serving, envelope.time],
  );
}

/** org's body-member events, for the `deliberation-from-org` consumer. */
export function bodyMemberSubscriptions(): Subscription[] {
  return [
    on(orgBodyMemberAppointedV1, (data, envelope, manager) => applyMember(data, envelope, manager, true)),
    on(orgBodyMemberRemovedV1, (data, envelope, manager) => applyMember(data, envelope, manager, false)),
  ];
}
