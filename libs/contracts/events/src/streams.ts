import type { ProducerName } from './envelope';

/** One JetStream stream per producing service, capturing every subject that service publishes. */
export interface StreamDefinition {
  readonly producer: ProducerName;
  /** Stream name without the deployment prefix. */
  readonly name: string;
}

export const STREAMS: Readonly<Record<ProducerName, StreamDefinition>> = Object.freeze({
  org: { producer: 'org', name: 'ORG' },
  deliberation: { producer: 'deliberation', name: 'DELIBERATION' },
  property: { producer: 'property', name: 'PROPERTY' },
  fund: { producer: 'fund', name: 'FUND' },
});

/**
 * A prefix isolates one deployment (or one test run) on a shared NATS server: it is put in front of every
 * subject (`t1a2b.org.compound.created.v1`), stream (`t1a2b_ORG`) and durable consumer name.
 */
export function natsSubject(prefix: string, type: string): string {
  return prefix ? `${prefix}.${type}` : type;
}

export function natsStreamName(prefix: string, stream: StreamDefinition): string {
  return prefix ? `${prefix}_${stream.name}` : stream.name;
}

export function natsStreamSubjects(prefix: string, stream: StreamDefinition): string[] {
  return [natsSubject(prefix, `${stream.producer}.>`)];
}

export function natsDurableName(prefix: string, consumer: string): string {
  return prefix ? `${prefix}_${consumer}` : consumer;
}
