import type { EntityManager } from 'typeorm';
import { orgDwellingChangedV1, orgDwellingRegisteredV1, orgOwnershipChangedV1, type DwellingState, type EventEnvelope, type OrgOwnershipChangedV1 } from '@gongzhi/contracts-events';
import { on, type Subscription } from '@gongzhi/platform-messaging';

/*
 * The electorate read model (electorate_dwelling) is fed only by org's events. Each group of columns is guarded
 * by the time of the event that last set it, so events may arrive in any order: an ownership change before the
 * dwelling's registration, or an old change after a newer one, leaves the newest facts in place.
 */

async function applyDwelling(data: DwellingState, envelope: EventEnvelope, manager: EntityManager): Promise<void> {
  await manager.query(
    `INSERT INTO electorate_dwelling (dwelling_id, compound_id, scope_path, room_number, room_at, exclusive_area, developer_unsold, facts_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $5)
     ON CONFLICT (dwelling_id) DO UPDATE SET
       room_number = CASE WHEN electorate_dwelling.room_at IS NULL OR electorate_dwelling.room_at <= EXCLUDED.room_at
                          THEN EXCLUDED.room_number ELSE electorate_dwelling.room_number END,
       room_at = GREATEST(electorate_dwelling.room_at, EXCLUDED.room_at),
       compound_id = CASE WHEN electorate_dwelling.facts_at <= EXCLUDED.facts_at THEN EXCLUDED.compound_id ELSE electorate_dwelling.compound_id END,
       scope_path = CASE WHEN electorate_dwelling.facts_at <= EXCLUDED.facts_at THEN EXCLUDED.scope_path ELSE electorate_dwelling.scope_path END,
       exclusive_area = CASE WHEN electorate_dwelling.facts_at <= EXCLUDED.facts_at THEN EXCLUDED.exclusive_area ELSE electorate_dwelling.exclusive_area END,
       developer_unsold = CASE WHEN electorate_dwelling.facts_at <= EXCLUDED.facts_at THEN EXCLUDED.developer_unsold ELSE electorate_dwelling.developer_unsold END,
       facts_at = GREATEST(electorate_dwelling.facts_at, EXCLUDED.facts_at)`,
    [data.dwellingId, data.compoundId, data.scopePath, data.roomNumber, envelope.time, data.exclusiveArea, data.developerUnsold],
  );
}

async function applyOwnership(data: OrgOwnershipChangedV1, envelope: EventEnvelope, manager: EntityManager): Promise<void> {
  const ownerKeys = [...new Set(data.owners.map((owner) => owner.identityKey))].sort();
  await manager.query(
    `INSERT INTO electorate_dwelling (dwelling_id, compound_id, scope_path, exclusive_area, developer_unsold, facts_at, headcount_key, owner_keys, ownership_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $6)
     ON CONFLICT (dwelling_id) DO UPDATE SET
       compound_id = CASE WHEN electorate_dwelling.facts_at <= EXCLUDED.facts_at THEN EXCLUDED.compound_id ELSE electorate_dwelling.compound_id END,
       scope_path = CASE WHEN electorate_dwelling.facts_at <= EXCLUDED.facts_at THEN EXCLUDED.scope_path ELSE electorate_dwelling.scope_path END,
       exclusive_area = CASE WHEN electorate_dwelling.facts_at <= EXCLUDED.facts_at THEN EXCLUDED.exclusive_area ELSE electorate_dwelling.exclusive_area END,
       developer_unsold = CASE WHEN electorate_dwelling.facts_at <= EXCLUDED.facts_at THEN EXCLUDED.developer_unsold ELSE electorate_dwelling.developer_unsold END,
       facts_at = GREATEST(electorate_dwelling.facts_at, EXCLUDED.facts_at),
       headcount_key = CASE WHEN electorate_dwelling.ownership_at IS NULL OR electorate_dwelling.ownership_at <= EXCLUDED.ownership_at
                            THEN EXCLUDED.headcount_key ELSE electorate_dwelling.headcount_key END,
       owner_keys = CASE WHEN electorate_dwelling.ownership_at IS NULL OR electorate_dwelling.ownership_at <= EXCLUDED.ownership_at
                         THEN EXCLUDED.owner_keys ELSE electorate_dwelling.owner_keys END,
       ownership_at = GREATEST(electorate_dwelling.ownership_at, EXCLUDED.ownership_at)`,
    [data.dwellingId, data.compoundId, data.scopePath, data.exclusiveArea, data.developerUnsold, envelope.time, ownerKeys.length ? data.headcountKey : null, ownerKeys],
  );
}

/** org's dwelling and ownership events, for the `deliberation-from-org` consumer. */
export function electorateSubscriptions(): Subscription[] {
  return [
    on(orgDwellingRegisteredV1, applyDwelling),
    on(orgDwellingChangedV1, applyDwelling),
    on(orgOwnershipChangedV1, applyOwnership),
  ];
}
