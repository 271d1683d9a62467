import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import {
  natsStreamName,
  natsStreamSubjects,
  type StreamDefinition,
} from '@gongzhi/contracts-events';

/** A connection that keeps reconnecting for as long as the process lives: the outbox covers any gap. */
export async function connectNats(servers: string, name: string): Promise<NatsConnection> {
  return connect({
    servers: servers.split(',').map((s) => s.trim()),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    waitOnFirstConnect: true,
    timeout: 5_000,
  });
}

export interface StreamSettings {
  /** How long JetStream remembers message ids to drop re-publications; must cover the relay's retry horizon. */
  duplicateWindowMs: number;
}

export const DEFAULT_STREAM_SETTINGS: StreamSettings = { duplicateWindowMs: 60 * 60 * 1000 };

/** Creates the stream, or brings an existing one to the wanted configuration. Idempotent. */
export async function ensureStream(
  jsm: JetStreamManager,
  prefix: string,
  stream: StreamDefinition,
  settings: StreamSettings = DEFAULT_STREAM_SETTINGS,
): Promise<void> {
  const config = {
    name: natsStreamName(prefix, stream),
    subjects: natsStreamSubjects(prefix, stream),
    storage: StorageType.File,
    duplicate_window: nanos(settings.duplicateWindowMs),
  };
  try {
    await jsm.streams.info(config.name);
    await jsm.streams.update(config.name, { subjects: config.subjects, duplicate_window: config.duplicate_window });
  } catch (error) {
    if ((error as { name?: string }).name !== 'StreamNotFoundError' && !/not found/i.test(String((error as Error).message))) {
      throw error;
    }
    await jsm.streams.add(config);
  }
}

export async function manager(nc: NatsConnection): Promise<JetStreamManager> {
  return jetstreamManager(nc);
}
