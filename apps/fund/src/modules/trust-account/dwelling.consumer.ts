import type { EntityManager } from 'typeorm';
import { orgDwellingChangedV1, orgDwellingRegisteredV1, type DwellingState, type EventEnvelope } from '@gongzhi/contracts-events';
import { on, type Subscription } from '@gongzhi/platform-messaging';

/** Keeps `fund_dwelling` current; a newer state is never overwritten by an older event delivered late. */
async function upsertDwelling(manager: EntityManager, dwelling: DwellingState, envelope: EventEnvelope): Promise<void> {
  await manager.query(
    `INSERT INTO fund_dwelling (id, compound_id, room_number, exclusive_area, scope_path, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET compound_id = EXCLUDED.compound_id, room_number = EXCLUDED.room_number,
       exclusive_area = EXCLUDED.exclusive_area, scope_path = EXCLUDED.scope_path, updated_at = EXCLUDED.updated_at
     WHERE fund_dwelling.updated_at <= EXCLUDED.updated_at`,
    [dwelling.dwellingId, dwelling.compoundId, dwelling.roomNumber, dwelling.exclusiveArea, dwelling.scopePath, envelope.time],
  );
}

/** Dwelling areas from org, the basis of trust-account fee bills. */
export function dwellingSubscriptions(): Subscription[] {
  return [
    on(orgDwellingRegisteredV1, (data, envelope, manager) => upsertDwelling(manager, data, envelope)),
    on(orgDwellingChangedV1, (data, envelope, manager) => upsertDwelling(manager, data, envelope)),
  ];
}
