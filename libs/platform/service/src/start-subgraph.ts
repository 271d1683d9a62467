import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { STREAMS } from '@gongzhi/contracts-events';
import type { ServiceConfig } from '@gongzhi/platform-config';
import { authChecker, authenticate, createTokenVerifier, guardMutations } from '@gongzhi/platform-auth';
import { countStatements, createDataSource, migrate, type CapturedStatement } from '@gongzhi/platform-db';
import { buildFederatedSchema, createErrorFormatter, createGraphQLHttpServer, listen, sendJson, type GraphQLHttpOptions } from '@gongzhi/platform-graphql';
import { connectNats, ensureStream, EventConsumer, OutboxRelay } from '@gongzhi/platform-messaging';
import { Loaders, type RequestContext } from './context';
import { startRevocationFeed } from './revocation-feed';
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

export function createDataSourceFor<C extends ServiceConfig>(
  module: SubgraphModule<C>,
  config: Pick<ServiceConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'> & Partial<Pick<ServiceConfig, 'SQL_STATEMENT_COUNT'>>,
): DataSource {
  return createDataSource({
    url: config.DATABASE_URL,
    entities: module.entities,
    migrations: module.migrations,
    poolSize: config.DATABASE_POOL_SIZE,
    applicationName: `gongzhi-${module.name}`,
    countStatements: config.SQL_STATEMENT_COUNT ?? false,
  });
}

/** How many requests with one `x-request-id` the statement counter remembers (the oldest are forgotten). */
const REMEMBERED_REQUESTS = 10_000;
/** Requests whose id starts with this keep the text and parameters of their statements (for EXPLAIN). */
const CAPTURE_PREFIX = 'sql-capture-';

interface CountedRequest {
  requests: number;
  statements: number;
  captured?: CapturedStatement[];
}

/**
 * SQL statements per request, for benchmarks: each `/graphql` request is counted under its `x-request-id` (the
 * gateway sends its own request's id to every subgraph it asks), and `GET /debug/sql-statements` answers the
 * count of one id (`?requestId=`; with the statements themselves when the id starts with `sql-capture-`) or the
 * totals since start.
 */
export function statementCounter(): Required<Pick<GraphQLHttpOptions<never>, 'around' | 'routes'>> {
  const byRequest = new Map<string, CountedRequest>();
  const totals = { requests: 0, statements: 0 };
  return {
    around: async (req, handle) => {
      const id = req.headers['x-request-id'];
      const { statements, captured } = await countStatements(handle, { capture: typeof id === 'string' && id.startsWith(CAPTURE_PREFIX) });
      totals.requests++;
      totals.statements += statements;
      if (typeof id !== 'string') return;
      const entry = byRequest.get(id);
      byRequest.delete(id);
      byRequest.set(id, {
        requests: (entry?.requests ?? 0) + 1,
        statements: (entry?.statements ?? 0) + statements,
        ...(captured ? { captured: [...(entry?.captured ?? []), ...captured] } : {}),
      });
      if (byRequest.size > REMEMBERED_REQUESTS) byRequest.delete(byRequest.keys().next().value!);
    },
    routes: {
      '/debug/sql-statements': (_req, res, search) => {
        const id = search.get('requestId');
        if (id === null) return sendJson(res, 200, totals);
        sendJson(res, 200, { requestId: id, ...(byRequest.get(id) ?? { requests: 0, statements: 0 }) });
      },
    },
  };
}

export async function migrateSubgraph<C extends ServiceConfig>(module: SubgraphModule<C>, config: Pick<ServiceConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>): Promise<string[]> {
  return migrate(createDataSourceFor(module, { ...config, DATABASE_POOL_SIZE: 1 }));
}

async function buildSchemaFor<C extends ServiceConfig>(module: SubgraphModule<C>, runtime?: SubgraphRuntime): Promise<GraphQLSchema> {
  // type-graphql asks the container for a resolver on every field it resolves: look instances up by class.
  const instances = new Map<unknown, object>((runtime?.resolvers ?? []).map((instance) => [instance.constructor, instance]));
  const schema = await buildFederatedSchema({
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
  // Read-only roles (auditors) change nothing: one check in front of every mutation of every service.
  return guardMutations(schema);
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

    const runtime = module.createRuntime(dataSource, config);
    let revocations = runtime.revocations;
    if (!revocations) {
      const feed = await startRevocationFeed({ nc, jsm, prefix, log });
      stops.push(['revocation feed', () => feed.stop()]);
      revocations = feed.revocations;
    }
    const verifier = createTokenVerifier({
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
      jwksUrl: config.AUTH_JWKS_URL,
      jwks: config.AUTH_JWKS,
      cache: { maxEntries: config.AUTH_CACHE_ENTRIES, maxSeconds: config.AUTH_CACHE_MAX_SECONDS },
      revocations,
    });
    const schema = await buildSchemaFor(module, runtime);
    const apollo = new ApolloServer<RequestContext>({
      schema,
      formatError: createErrorFormatter((error) => logger.error('unexpected error', error)),
      introspection: config.NODE_ENV !== 'production',
      includeStacktraceInErrorResponses: false,
      csrfPrevention: true,
      // The process owns its signals: it stops every part in order (see cli.ts / main.ts).
      stopOnTerminationSignals: false,
      // No subgraph sets cache hints, and the gateway never asks for federated traces: Apollo's default cache-control
      // and inline-trace plugins would only hook every resolved field (about a tenth of a subgraph's CPU per
      // request, docs/benchmarks.md). Usage and schema reporting would switch on with APOLLO_KEY: never phone home.
      plugins: [
        ApolloServerPluginCacheControlDisabled(),
        ApolloServerPluginInlineTraceDisabled(),
        ApolloServerPluginUsageReportingDisabled(),
        ApolloServerPluginSchemaReportingDisabled(),
      ],
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
      ...(config.SQL_STATEMENT_COUNT ? statementCounter() : {}),
      ...(runtime.postRoutes ? { postRoutes: runtime.postRoutes } : {}),
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
