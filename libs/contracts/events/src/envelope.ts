import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * A CloudEvents 1.0 envelope (structured JSON mode) plus the two extension attributes every Gongzhi event
 * carries: `scope`, the scope path of the node the event is about, and `traceparent` (W3C trace context).
 */
export interface EventEnvelope<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject: string;
  datacontenttype: 'application/json';
  scope: string;
  traceparent?: string;
  data: T;
}

export const envelopeSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().regex(/^[a-z]+\.[a-z-]+\.[a-z-]+\.v\d+$/),
  time: z.string().min(1),
  subject: z.string(),
  datacontenttype: z.literal('application/json'),
  scope: z.string(),
  traceparent: z.string().optional(),
  data: z.unknown(),
});

/** One event type at one major version: its subject and the schema of its payload. */
export interface EventContract<T> {
  readonly type: string;
  readonly producer: ProducerName;
  readonly schema: z.ZodType<T>;
}

export type ProducerName = 'org' | 'deliberation' | 'property' | 'fund';

export function defineEvent<T>(type: string, schema: z.ZodType<T>): EventContract<T> {
  const producer = type.split('.')[0] as ProducerName;
  return Object.freeze({ type, producer, schema });
}

export interface NewEvent<T> {
  contract: EventContract<T>;
  subject: string;
  scope: string;
  data: T;
  traceparent?: string;
}

export function createEnvelope<T>(event: NewEvent<T>, now = new Date()): EventEnvelope<T> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: `/gongzhi/${event.contract.producer}`,
    type: event.contract.type,
    time: now.toISOString(),
    subject: event.subject,
    datacontenttype: 'application/json',
    scope: event.scope,
    ...(event.traceparent ? { traceparent: event.traceparent } : {}),
    data: event.contract.schema.parse(event.data),
  };
}
