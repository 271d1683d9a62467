import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloServer, type ApolloServerOptions, type BaseContext, type ContextThunk, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import { ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { createErrorFormatter, createGraphQLHttpServer, listen, type RunningHttpServer } from '@gongzhi/platform-graphql';
import { createLogger } from '@gongzhi/platform-service';
import { admitPersisted, type Admission } from './allow-list';
import { subgraphUrls, type GatewayConfig } from './config';
import { formatLimitError, operationLimits } from './limits';
import { readAllowList } from './persisted-documents';
import { gateRequests, rateLimitGate } from './rate-limit';
import { SHAREABLE_HEADER, splitSubgraphUrl, SubgraphFetcher, SubgraphHeaders } from './subgraph-fetcher';
import { tokenProxy } from './token-proxy';
import { SUPERGRAPH_PATH } from './workspace';

export interface GatewayContext extends BaseContext {
  authorization?: string;
  requestId: string;
}

/**
 * A subgraph request may share an identical one in flight only when it reads: a query inside an incoming query.
 * Nothing that belongs to a mutation is ever shared, not even the reads that follow it.
 */
export function isShareable(options: GraphQLDataSourceProcessOptions<GatewayContext>): boolean {
  return (
    'incomingRequestContext' in options &&
    options.incomingRequestContext.operation?.operation === 'query' &&
    /^\s*(query\b|\{)/.test(options.request.query ?? '')
  );
}

type GatewayResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type FetcherResponse = Awaited<ReturnType<RemoteGraphQLDataSource['fetcher']>>;

/** What a subgraph's Cache-Control allows, as RemoteGraphQLDataSource reads it (no header: not cacheable). */
function restrictCachePolicy(options: GraphQLDataSourceProcessOptions<GatewayContext>, response: FetcherResponse): void {
  if (!('incomingRequestContext' in options)) return;
  const policy = options.incomingRequestContext.overallCachePolicy as { restrict?: (hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' }) => void } | undefined;
  if (!policy?.restrict) return;
  const header = response.headers.get('cache-control') ?? '';
  const maxAge = /(?:^|,)\s*max-age=(\d+)/i.exec(header)?.[1];
  const scope = /(?:^|,)\s*private\s*(?:,|$)/i.test(header) ? 'PRIVATE' : /(?:^|,)\s*public\s*(?:,|$)/i.test(header) ? 'PUBLIC' : undefined;
  policy.restrict({ maxAge: maxAge ? Number(maxAge) : 0, ...(scope ? { scope } : {}) });
}

/** Forwards the caller's bearer token and request id; each subgraph verifies the token itself. */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /**
   * Send through `fetcher` directly, without the node-fetch Headers and Request objects Apollo's `process`
   * builds around every subgraph request (about a tenth of the gateway's CPU per request with the undici
   * fetcher). Same hooks: willSendRequest, errorFromResponse, the Cache-Control restriction.
   */
  lean?: boolean;

  constructor(config: { url: string; fetcher?: RemoteGraphQLDataSource['fetcher']; lean?: boolean }) {
    super(config);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayResponse> {
    if (!this.lean) return super.process(options);
    const { request } = options;
    const headers = new SubgraphHeaders(request.http?.headers ?? {});
    headers.set('content-type', 'application/json');
    request.http = { method: 'POST', url: this.url, headers };
    await this.willSendRequest(options);
    if (!request.query) throw new Error('Missing query');
    const { http, ...payload } = request;
    const response = await this.fetcher(http.url, { method: 'POST', headers: headers.toObject(), body: JSON.stringify(payload) });
    if (!response.ok) throw await this.errorFromResponse(response);
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error(`Expected JSON response body, but received: ${JSON.stringify(body)}`);
    restrictCachePolicy(options, response);
    return body as GatewayResponse;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const { request, context } = options;
    if (!('requestId' in context)) return;
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    request.http?.headers.set('x-request-id', context.requestId);
    // Read by the undici fetcher's in-flight de-duplication and removed before the request leaves.
    if (isShareable(options)) request.http?.headers.set(SHAREABLE_HEADER, '1');
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

  // Apollo's default fetcher (make-fetch-happen) costs about half the gateway's CPU per request; undici with
  // pooled keep-alive connections does the same work for much less (docs/benchmarks.md, the gateway section).
  const fetcher =
    config.SUBGRAPH_FETCHER === 'undici'
      ? new SubgraphFetcher({ connections: config.SUBGRAPH_CONNECTIONS, pipelining: config.SUBGRAPH_PIPELINING, dedupe: config.DEDUPLICATE_SUBGRAPH_REQUESTS })
      : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new ForwardingDataSource({ url: urls[name] ?? url, ...(fetcher ? { fetcher: fetcher.fetch, lean: true } : {}) }),
    logger: { debug: () => undefined, info: () => undefined, warn: (m) => logger.warn(String(m)), error: (m) => logger.error(String(m)) },
  });
  const limits = operationLimits(config);
  const allowed = config.PERSISTED_DOCUMENTS_ONLY ? readAllowList(config.PERSISTED_DOCUMENTS_PATH) : undefined;
  const options: ApolloServerOptions<GatewayContext> = {
    gateway,
    formatError: formatLimitError(createErrorFormatter((error) => logger.error('unexpected error', error))),
    // Usage and schema reporting would switch themselves on if APOLLO_KEY were ever set: never phone home.
    plugins: [...limits.plugins, ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()],
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
        for (const instance of splitSubgraphUrl(url)) {
          const response = await fetch(new URL('/readyz', instance));
          if (!response.ok) throw new Error(`${name} (${instance.host}) answered ${response.status}`);
        }
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
    // Machine clients get their tokens here too, from org's token endpoint (one host for integrators).
    postRoutes: { '/oauth/token': tokenProxy(new URL('/oauth/token', config.ORG_URL)) },
  });
  gateRequests(server, rateLimitGate({ windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS, perIp: config.RATE_LIMIT_PER_IP, perIdentity: config.RATE_LIMIT_PER_IDENTITY }));
  const running = await listen(server, config.PORT, config.HOST);
  logger.info('listening', { url: running.url });
  return {
    ...running,
    stop: async () => {
      await running.close();
      await apollo.stop();
      await fetcher?.close();
    },
  };
}
