import type { DataSource, EntityManager } from 'typeorm';
import { AckPolicy, DeliverPolicy, jetstream, type ConsumerMessages, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { nanos } from '@nats-io/nats-core';
import {
  envelopeSchema,
  natsDurableName,
  natsStreamName,
  natsSubject,
  STREAMS,
  type EventContract,
  type EventEnvelope,
} from '@gongzhi/contracts-events';
import { ensureStream } from './nats';

export type EventHandler<T> = (data: T, envelope: EventEnvelope<T>, manager: EntityManager) => Promise<void>;

/** A contract and its handler, with the payload type erased so one consumer can hold many. */
export interface Subscription {
  contract: EventContract<unknown>;
  handler: EventHandler<unknown>;
}

/**
 * Pairs a contract with its handler. The cast is sound: the consumer calls the handler only with data that
 * the same contract's schema has parsed.
 */
export function on<T>(contract: EventContract<T>, handler: EventHandler<T>): Subscription {
  return { contract: contract as EventContract<unknown>, handler: handler as EventHandler<unknown> };
}

export interface ConsumerOptions {
  /** Durable consumer name, unique per consuming service and producer (e.g. `deliberation-from-org`). */
  name: string;
  nc: NatsConnection;
  jsm: JetStreamManager;
  dataSource: DataSource;
  prefix: string;
  subscriptions: Subscription[];
  log?: (message: string, error?: unknown) => void;
}

/**
 * A durable JetStream consumer with explicit acknowledgement. Each event's effect is applied in one
 * transaction together with its id in the inbox, so a redelivered event is acknowledged without being
 * applied again. A failing handler is retried with growing delays; a payload that breaks its contract is
 * terminated and logged rather than retried forever.
 */
export class EventConsumer {
  private messages: ConsumerMessages | null = null;
  private loop: Promise<void> | null = null;
  private readonly handlers = new Map<string, Subscription>();

  constructor(private readonly options: ConsumerOptions) {
    for (const subscription of options.subscriptions) this.handlers.set(subscription.contract.type, subscription);
  }

  async start(): Promise<void> {
    const { jsm, prefix, subscriptions, name } = this.options;
    const producers = new Set(subscriptions.map((s) => s.contract.producer));
    if (producers.size !== 1) throw new Error(`consumer ${name} must read from exactly one producer's stream`);
    const stream = STREAMS[[...producers][0]!];
    await ensureStream(jsm, prefix, stream);
    const streamName = natsStreamName(prefix, stream);
    const durable = natsDurableName(prefix, name);
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      // One filter for the producer's whole stream (nats-server 2.9 has no filter_subjects); events this
      // consumer has no handler for are acknowledged and skipped.
      filter_subject: natsSubject(prefix, `${stream.producer}.>`),
      ack_wait: nanos(30_000),
      max_deliver: 50,
    };
    try {
      await jsm.consumers.info(streamName, durable);
      await jsm.consumers.update(streamName, durable, { filter_subject: config.filter_subject, ack_wait: config.ack_wait, max_deliver: config.max_deliver });
    } catch {
      await jsm.consumers.add(streamName, config);
    }
    const consumer = await jetstream(this.options.nc).consumers.get(streamName, durable);
    this.messages = await consumer.consume({ max_messages: 256 });
    const messages = this.messages;
    this.loop = (async () => {
      for await (const message of messages) await this.handle(message);
    })().catch((error: unknown) => this.options.log?.(`consumer ${name} stopped`, error));
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop;
  }

  private async handle(message: JsMsg): Promise<void> {
    let envelope: EventEnvelope;
    try {
      envelope = envelopeSchema.parse(message.json()) as EventEnvelope;
    } catch (error) {
      this.options.log?.(`consumer ${this.options.name}: dropping a message that is not an event envelope`, error);
      message.term('not an event envelope');
      return;
    }
    const subscription = this.handlers.get(envelope.type);
    if (!subscription) {
      message.ack();
      return;
    }
    const parsed = subscription.contract.schema.safeParse(envelope.data);
    if (!parsed.success) {
      this.options.log?.(`consumer ${this.options.name}: event ${envelope.id} breaks ${envelope.type}`, parsed.error);
      message.term('payload breaks its contract');
      return;
    }
    try {
      await this.apply(envelope, parsed.data, subscription);
      message.ack();
    } catch (error) {
      const delay = Math.min(60_000, 500 * 2 ** Math.min(message.info.deliveryCount, 7));
      this.options.log?.(`consumer ${this.options.name}: event ${envelope.id} failed, retrying in ${delay} ms`, error);
      message.nak(delay);
    }
  }

  /** Applies the event once: false when the inbox shows it was already applied. */
  async apply(envelope: EventEnvelope, data: unknown, subscription: Subscription): Promise<boolean> {
    return this.options.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        'INSERT INTO inbox (consumer, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id',
        [this.options.name, envelope.id, envelope.type],
      )) as unknown[];
      if (inserted.length === 0) return false;
      await subscription.handler(data, envelope, manager);
      return true;
    });
  }
}
