import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { STREAMS } from '@gongzhi/contracts-events';
import type { ServiceConfig } from '@gongzhi/platform-config';
import { authChecker, authenticate, createTokenVerifier } from '@gongzhi/platform-auth';
import { createDataSource, migrate } from '@gongzhi/platform-db';
import { buildFederatedSchema, createErrorFormatter, createGraphQLHttpServer, listen } from '@gongzhi/platform-graphql';
import { connectNats, ensureStream, EventConsumer, OutboxRelay } from '@gongzhi/platform-messaging';
import { Loaders, type RequestContext } from './context';
import { createLogger, type Logger } from './logger';
import type { SubgraphModule, SubgraphRuntime } from './subgraph-module';

export interface RunningSubgraph {
  name: string;
  url: string;
  origin: string;
  dataSource: DataSource;
  nc: NatsConnection;
  relay: OutboxRelay | null;
  consumers: EventConsumer[];
  logger: Logger;
  stop(): Promise<void>;
}

export function createDataSourceFor<C extends ServiceConfig>(module: SubgraphModule<C>, config: Pick<ServiceConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>): DataSource {
  return createDataSource({
    url: config.DATABASE_URL,
    entities: module.entities,
    migrations: module.migrations,
    poolSize: config.DATABASE_POOL_SIZE,
    applicationName: `gongzhi-${module.name}`,
  });
}

export async function migrateSubgraph<C extends ServiceConfig>(module: SubgraphModule<C>, config: Pick<ServiceConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>): Promise<string[]> {
  return migrate(createDataSourceFor(module, { ...config, DATABASE_POOL_SIZE: 1 }));
}

async function buildSchemaFor<C extends ServiceConfig>(module: SubgraphModule<C>, runtime?: SubgraphRuntime): Promise<GraphQLSchema> {
  // type-graphql asks the container for a resolver on every field it resolves: look instances up by class.
  const instances = new Map<unknown, object>((runtime?.resolvers ?? []).map((instance) => [instance.constructor, instance]));
  return buildFederatedSchema({
    resolvers: module.resolverClasses,
    orphanedTypes: module.orphanedTypes,
    authChecker,
    validate: { forbidUnknownValues: false },
    container: {
      get: (cls: new (...args: never[]) => unknown) => {
        const found = instances.get(cls);
        if (!found) throw new Error(`no resolver instance for ${cls.name}`);
        return found;
      },
    },
    referenceResolvers: runtime?.referenceResolvers ?? module.referenceResolverTypes,
  });
}

/** The subgraph's SDL as committed in `schema.graphql` and composed into the supergraph. */
export async function printSubgraphSdl<C extends ServiceConfig>(module: SubgraphModule<C>): Promise<string> {
  return `${printSubgraphSchema(await buildSchemaFor(module)).trim()}\n`;
}

/** Boots one subgraph service: database, broker, relay, consumers, graph and HTTP. */
export async function startSubgraph<C extends ServiceConfig>(module: SubgraphModule<C>, config: C): Promise<RunningSubgraph> {
  const logger = createLogger(module.name, config.LOG_LEVEL);
  const log = (message: string, error?: unknown) => (error ? logger.error(message, error) : logger.warn(message));
  const prefix = config.NATS_PREFIX ?? '';
  const stops: [string, () => Promise<unknown>][] = [];
  const stopAll = async () => {
    for (const [what, stop] of stops.reverse()) {
      logger.debug(`stopping ${what}`);
      await stop().catch((error: unknown) => logger.error(`stopping ${what} failed`, error));
    }
  };

  try {
    const dataSource = createDataSourceFor(module, config);
    await dataSource.initialize();
    stops.push(['database pool', () => dataSource.destroy()]);

    const nc = await connectNats(config.NATS_URL, `gongzhi-${module.name}`);
    stops.push(['NATS connection', () => nc.drain()]);
    const jsm = await jetstreamManager(nc);

    let relay: OutboxRelay | null = null;
    if (module.produces) {
      await ensureStream(jsm, prefix, STREAMS[module.name]);
      relay = new OutboxRelay({
        dataSource,
        databaseUrl: config.DATABASE_URL,
        js: jetstream(nc),
        prefix,
        batchSize: config.OUTBOX_BATCH_SIZE,
        maxBackoffMs: config.OUTBOX_MAX_BACKOFF_MS,
        log,
      });
      await relay.start();
      const started = relay;
      stops.push(['outbox relay', () => started.stop()]);
    }

    const consumers: EventConsumer[] = [];
    for (const spec of module.consumers ?? []) {
      const consumer = new EventConsumer({ name: spec.name, nc, jsm, dataSource, prefix, subscriptions: spec.subscriptions, log });
      await consumer.start();
      consumers.push(consumer);
      stops.push([`consumer ${spec.name}`, () => consumer.stop()]);
    }

    const verifier = createTokenVerifier({
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
      jwksUrl: config.AUTH_JWKS_URL,
      jwks: config.AUTH_JWKS,
    });
    const runtime = module.createRuntime(dataSource, config);
    const schema = await buildSchemaFor(module, runtime);
    const apollo = new ApolloServer<RequestContext>({
      schema,
      formatError: createErrorFormatter((error) => logger.error('unexpected error', error)),
      introspection: config.NODE_ENV !== 'production',
      includeStacktraceInErrorResponses: false,
      csrfPrevention: true,
      // The process owns its signals: it stops every part in order (see cli.ts / main.ts).
      stopOnTerminationSignals: false,
      logger: { debug: () => undefined, info: () => undefined, warn: (m) => logger.warn(String(m)), error: (m) => logger.error(String(m)) },
    });
    await apollo.start();
    stops.push(['GraphQL server', () => apollo.stop()]);

    const server = createGraphQLHttpServer<RequestContext>({
      apollo,
      context: async (request: IncomingMessage) => ({
        ...(await authenticate(verifier, request.headers.authorization)),
        loaders: new Loaders(),
        requestId: String(request.headers['x-request-id'] ?? randomUUID()),
      }),
      readiness: {
        database: async () => void (await dataSource.query('SELECT 1')),
        nats: async () => {
          if (nc.isClosed()) throw new Error('connection closed');
          await nc.flush();
        },
      },
    });
    const running = await listen(server, config.PORT, config.HOST);
    stops.push(['HTTP listener', () => running.close()]);
    for (const task of runtime.background ?? []) {
      task.start();
      stops.push([task.name, () => task.stop()]);
    }
    logger.info('listening', { url: running.url });

    return {
      name: module.name,
      url: running.url,
      origin: running.origin,
      dataSource,
      nc,
      relay,
      consumers,
      logger,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
