import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloServer, type ApolloServerOptions, type BaseContext, type ContextThunk, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { createErrorFormatter, createGraphQLHttpServer, listen, type RunningHttpServer } from '@gongzhi/platform-graphql';
import { createLogger } from '@gongzhi/platform-service';
import { admitPersisted, type Admission } from './allow-list';
import { subgraphUrls, type GatewayConfig } from './config';
import { formatLimitError, operationLimits } from './limits';
import { readAllowList } from './persisted-documents';
import { gateRequests, rateLimitGate } from './rate-limit';
import { SUPERGRAPH_PATH } from './workspace';

export interface GatewayContext extends BaseContext {
  authorization?: string;
  requestId: string;
}

/** Forwards the caller's bearer token and request id; each subgraph verifies the token itself. */
class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!('requestId' in context)) return;
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    request.http?.headers.set('x-request-id', context.requestId);
  }

  /**
   * A subgraph answers HTTP 400 when a variable does not coerce to its own scalar (Fen, DateTimeISO: the
   * gateway cannot check those); its closed-set error is the client's answer, not an internal failure.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: { errors?: { message?: string; extensions?: Record<string, unknown> }[] } } | undefined)?.body;
    const first = typeof body === 'object' ? body?.errors?.[0] : undefined;
    if (response.status !== 400 || first?.extensions?.code !== 'BAD_USER_INPUT') return error;
    return new GraphQLError(first.message ?? 'Invalid input', { extensions: first.extensions });
  }
}

/**
 * Apollo Server with an admission check in front of the request pipeline: the allow-list mode refuses a
 * document that is not in the manifest before it is parsed or validated.
 */
class AdmittingApolloServer extends ApolloServer<GatewayContext> {
  constructor(
    options: ApolloServerOptions<GatewayContext>,
    private readonly admit: ((request: HTTPGraphQLRequest) => Admission) | undefined,
  ) {
    super(options);
  }

  override async executeHTTPGraphQLRequest(args: { httpGraphQLRequest: HTTPGraphQLRequest; context: ContextThunk<GatewayContext> }): Promise<HTTPGraphQLResponse> {
    const admission = this.admit?.(args.httpGraphQLRequest);
    if (admission && 'refused' in admission) return admission.refused;
    return super.executeHTTPGraphQLRequest({ ...args, httpGraphQLRequest: admission?.admitted ?? args.httpGraphQLRequest });
  }
}

export interface RunningGateway extends RunningHttpServer {
  stop(): Promise<void>;
}

export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  // @apollo/gateway reports usage to Apollo unless told not to; this gateway never phones home.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const urls = subgraphUrls(config);
  const supergraphSdl = readFileSync(config.SUPERGRAPH_PATH ?? SUPERGRAPH_PATH, 'utf8');

  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new ForwardingDataSource({ url: urls[name] ?? url }),
    logger: { debug: () => undefined, info: () => undefined, warn: (m) => logger.warn(String(m)), error: (m) => logger.error(String(m)) },
  });
  const limits = operationLimits(config);
  const allowed = config.PERSISTED_DOCUMENTS_ONLY ? readAllowList(config.PERSISTED_DOCUMENTS_PATH) : undefined;
  const options: ApolloServerOptions<GatewayContext> = {
    gateway,
    formatError: formatLimitError(createErrorFormatter((error) => logger.error('unexpected error', error))),
    plugins: limits.plugins,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    introspection: config.NODE_ENV !== 'production',
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    logger: { debug: () => undefined, info: () => undefined, warn: (m) => logger.warn(String(m)), error: (m) => logger.error(String(m)) },
  };
  const apollo = new AdmittingApolloServer(options, allowed && ((request) => admitPersisted(request, allowed)));
  await apollo.start();

  const readiness = Object.fromEntries(
    Object.entries(urls).map(([name, url]) => [
      name,
      async () => {
        const response = await fetch(new URL('/readyz', url));
        if (!response.ok) throw new Error(`${name} answered ${response.status}`);
      },
    ]),
  );
  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    maxBodyBytes: config.MAX_BODY_BYTES,
    context: async (request) => ({
      authorization: request.headers.authorization,
      requestId: String(request.headers['x-request-id'] ?? randomUUID()),
    }),
    readiness,
  });
  gateRequests(server, rateLimitGate({ windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS, perIp: config.RATE_LIMIT_PER_IP, perIdentity: config.RATE_LIMIT_PER_IDENTITY }));
  const running = await listen(server, config.PORT, config.HOST);
  logger.info('listening', { url: running.url });
  return {
    ...running,
    stop: async () => {
      await running.close();
      await apollo.stop();
    },
  };
}
