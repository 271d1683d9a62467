import type { EntityManager } from 'typeorm';
import { createEnvelope, type EventEnvelope, type NewEvent } from '@gongzhi/contracts-events';

/**
 * Writes an event into the outbox inside the caller's transaction, so the event exists exactly when the
 * change does. The insert trigger wakes the relay at commit through NOTIFY.
 */
export async function enqueueEvent<T>(manager: EntityManager, event: NewEvent<T>): Promise<EventEnvelope<T>> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error(`enqueueEvent(${event.contract.type}) must run inside a transaction`);
  }
  const envelope = createEnvelope(event);
  await manager.query('INSERT INTO outbox (id, type, envelope) VALUES ($1, $2, $3)', [
    envelope.id,
    envelope.type,
    JSON.stringify(envelope),
  ]);
  return envelope;
}
