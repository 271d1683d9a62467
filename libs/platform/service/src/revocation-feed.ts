import { DeliverPolicy, jetstream, type ConsumerMessages, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  envelopeSchema,
  natsStreamName,
  natsSubject,
  orgMachineClientKeyRevokedV1,
  orgMachineClientRevokedV1,
  STREAMS,
} from '@gongzhi/contracts-events';
import { RevocationSet } from '@gongzhi/platform-auth';
import { ensureStream } from '@gongzhi/platform-messaging';

export interface RevocationFeedOptions {
  nc: NatsConnection;
  jsm: JetStreamManager;
  prefix: string;
  log: (message: string, error?: unknown) => void;
  /** How long start-up waits to have read every revocation so far before it gives up. */
  catchUpTimeoutMs?: number;
}

export interface RevocationFeed {
  revocations: RevocationSet;
  stop(): Promise<void>;
}

/** Applies one event of org's machine-client subjects; events other than revocations change nothing. */
export function applyRevocation(revocations: RevocationSet, type: string, data: unknown): void {
  if (type === orgMachineClientKeyRevokedV1.type) {
    const parsed = orgMachineClientKeyRevokedV1.schema.safeParse(data);
    if (parsed.success) revocations.revokeKey(parsed.data.keyId);
  } else if (type === orgMachineClientRevokedV1.type) {
    const parsed = orgMachineClientRevokedV1.schema.safeParse(data);
    if (!parsed.success) return;
    revocations.revokeClient(parsed.data.clientId);
    for (const keyId of parsed.data.keyIds) revocations.revokeKey(keyId);
  }
}

/**
 * The revoked machine clients and keys of the deployment, kept in this process's memory from org's
 * `org.machine-client.*` events. An ordered (ephemeral) JetStream consumer reads them from the start of org's
 * stream and then follows it live: every process gets every event, which a durable consumer shared by a
 * service's instances would not give, and nothing is written to the service's database. Start-up returns once
 * the events that existed when it began have been read, so a restarted service never accepts a token revoked
 * while it was down; it fails when that takes longer than `catchUpTimeoutMs`.
 */
export async function startRevocationFeed(options: RevocationFeedOptions): Promise<RevocationFeed> {
  const revocations = new RevocationSet();
  await ensureStream(options.jsm, options.prefix, STREAMS.org);
  const consumer = await jetstream(options.nc).consumers.get(natsStreamName(options.prefix, STREAMS.org), {
    filter_subjects: natsSubject(options.prefix, 'org.machine-client.>'),
    deliver_policy: DeliverPolicy.All,
  });
  const { num_pending: backlog } = await consumer.info(true);
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 256 });

  let caughtUp!: () => void;
  const ready = new Promise<void>((resolve) => (caughtUp = resolve));
  if (backlog === 0) caughtUp();
  const apply = (message: JsMsg) => {
    const envelope = envelopeSchema.safeParse(message.json());
    if (envelope.success) applyRevocation(revocations, envelope.data.type, envelope.data.data);
    else options.log('revocation feed: dropping a message that is not an event envelope', envelope.error);
  };
  const loop = (async () => {
    for await (const message of messages) {
      try {
        apply(message);
      } catch (error) {
        options.log('revocation feed: dropping a message that is not JSON', error);
      }
      if (message.info.pending === 0) caughtUp();
    }
  })().catch((error: unknown) => options.log('revocation feed stopped', error));

  const timeoutMs = options.catchUpTimeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  const stop = async () => {
    await messages.close();
    await loop;
  };
  try {
    await Promise.race([
      ready,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the revocation feed did not read org's ${backlog} machine-client events within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { revocations, stop };
}
