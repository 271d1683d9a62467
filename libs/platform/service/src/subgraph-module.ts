import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';
import type { NonEmptyArray } from 'type-graphql';
import type { ProducerName } from '@gongzhi/contracts-events';
import type { RevocationCheck } from '@gongzhi/platform-auth';
import type { ServiceConfig } from '@gongzhi/platform-config';
import type { ReferenceResolvers } from '@gongzhi/platform-graphql';
import type { Subscription } from '@gongzhi/platform-messaging';

export interface ConsumerSpec {
  /** Durable name, unique per consuming service and producer stream: `<consumer>-from-<producer>`. */
  name: string;
  subscriptions: Subscription[];
}

/** Work a service does on its own (a sweep on a timer): started once the service answers, stopped first. */
export interface BackgroundTask {
  name: string;
  start(): void;
  stop(): Promise<void>;
}

export interface SubgraphRuntime {
  /** Resolver instances, built with their dependencies; type-graphql finds each by its class. */
  resolvers: object[];
  referenceResolvers?: ReferenceResolvers;
  background?: BackgroundTask[];
  /**
   * How this service learns that a machine client or key was revoked. Absent, it keeps an in-memory list fed
   * by org's `org.machine-client.*` events (revocation-feed.ts); org, which owns the registry, asks its table.
   */
  revocations?: RevocationCheck;
  /** POST endpoints beside `/graphql`, by path (org's `/oauth/token`). */
  postRoutes?: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>>;
}

/** Everything that makes one service: its tables, its graph and its events. */
export interface SubgraphModule<C extends ServiceConfig = ServiceConfig> {
  name: ProducerName;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolverClasses: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  /** Whether the service publishes events (and so owns a stream and runs an outbox relay). */
  produces: boolean;
  consumers?: ConsumerSpec[];
  createRuntime(dataSource: DataSource, config: C): SubgraphRuntime;
  /** Reference resolvers' shape, without a database, for printing the schema. */
  referenceResolverTypes?: ReferenceResolvers;
}
