import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { BalancedPool, Pool, type Dispatcher } from 'undici';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];

/**
 * The header the gateway's data source sets on a subgraph request that may share an identical in-flight
 * request (a query, inside an incoming query). The fetcher removes it before sending: subgraphs never see it.
 * Requests without it are never shared, so a path that forgets to mark its requests only loses the saving.
 */
export const SHAREABLE_HEADER = 'x-gateway-shareable';

export interface SubgraphFetcherOptions {
  /** Keep-alive connections per subgraph instance. */
  connections: number;
  /** HTTP/1.1 requests in flight per connection (1: no pipelining). */
  pipelining: number;
  /** Share the answer of identical in-flight requests marked shareable (same URL, body and authorization). */
  dedupe: boolean;
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * Headers over a plain object with lower-case names: what Apollo's data source API expects, without the cost
 * of WHATWG Headers. Built from undici's answer headers (already lower-case) it takes the object over without
 * copying: most answers are only asked for one header.
 */
export class SubgraphHeaders implements FetcherHeaders {
  private readonly record: Record<string, string | string[] | undefined>;

  constructor(source: Record<string, string | string[] | undefined> | Iterable<[string, string]> = {}, owned = false) {
    if (Symbol.iterator in source) {
      this.record = {};
      for (const [name, value] of source as Iterable<[string, string]>) this.record[name.toLowerCase()] = value;
    } else if (owned) this.record = source as Record<string, string | string[] | undefined>;
    else {
      this.record = {};
      for (const [name, value] of Object.entries(source)) this.record[name.toLowerCase()] = value;
    }
  }
  /** The headers as a plain object, for the request. */
  toObject(): Record<string, string> {
    return Object.fromEntries(this.entries());
  }
  append(name: string, value: string): void {
    const current = this.get(name);
    this.record[name.toLowerCase()] = current === null ? value : `${current}, ${value}`;
  }
  delete(name: string): void {
    delete this.record[name.toLowerCase()];
  }
  get(name: string): string | null {
    const value = this.record[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }
  has(name: string): boolean {
    return this.record[name.toLowerCase()] !== undefined;
  }
  set(name: string, value: string): void {
    this.record[name.toLowerCase()] = value;
  }
  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.record)) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }
  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }
  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

/**
 * A fully read subgraph answer. Each caller gets its own instance over the (possibly shared) text, and `json()`
 * parses afresh for each, so two requests that shared a fetch never share mutable result objects.
 */
class BufferedResponse implements FetcherResponse {
  readonly bodyUsed = false;
  readonly redirected = false;
  private headerView?: FetcherHeaders;

  /** `shared`: other callers hold the same answer, so the headers are copied before anyone may change them. */
  constructor(
    readonly url: string,
    private readonly raw: RawResponse,
    private readonly shared = false,
  ) {}
  get headers(): FetcherHeaders {
    this.headerView ??= new SubgraphHeaders(this.raw.headers, !this.shared);
    return this.headerView;
  }
  get status(): number {
    return this.raw.status;
  }
  get ok(): boolean {
    return this.raw.status >= 200 && this.raw.status < 300;
  }
  get statusText(): string {
    return STATUS_TEXT[this.raw.status] ?? '';
  }
  async text(): Promise<string> {
    return this.raw.text;
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.raw.text);
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(this.raw.text);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  clone(): FetcherResponse {
    return new BufferedResponse(this.url, this.raw, true);
  }
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 413: 'Payload Too Large', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

/** The URLs of one subgraph: one, or several comma-separated instances serving the same path. */
export function splitSubgraphUrl(url: string): URL[] {
  return url
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => new URL(part));
}

/**
 * The gateway's subgraph fetcher (`RemoteGraphQLDataSource#fetcher`) on undici: one pool of keep-alive
 * connections per subgraph (a balanced pool over its instances when its URL lists several), answers read whole,
 * and identical in-flight queries of the same caller sent once.
 */
export class SubgraphFetcher {
  private readonly dispatchers = new Map<string, { dispatcher: Dispatcher; path: string }>();
  private readonly inflight = new Map<string, Promise<RawResponse>>();
  /** Requests sent to subgraphs, and requests answered by sharing one already in flight. */
  readonly stats = { sent: 0, shared: 0 };

  constructor(private readonly options: SubgraphFetcherOptions) {}

  /** The `fetcher` to hand to `RemoteGraphQLDataSource`. */
  readonly fetch: Fetcher = async (url, init) => {
    const headers: Record<string, string> = { ...init?.headers };
    const marked = SHAREABLE_HEADER in headers;
    delete headers[SHAREABLE_HEADER];
    const body = typeof init?.body === 'string' ? init.body : init?.body?.toString('utf8');
    const method = init?.method ?? 'GET';
    if (!(this.options.dedupe && marked && method === 'POST' && body !== undefined)) return new BufferedResponse(url, await this.send(url, method, headers, body));

    const key = `${url}\n${headers.authorization ?? ''}\n${body}`;
    let pending = this.inflight.get(key);
    if (pending) this.stats.shared++;
    else {
      pending = this.send(url, method, headers, body).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return new BufferedResponse(url, await pending, true);
  };

  async close(): Promise<void> {
    const all = [...this.dispatchers.values()];
    this.dispatchers.clear();
    await Promise.all(all.map(({ dispatcher }) => dispatcher.close()));
  }

  private dispatcherFor(url: string): { dispatcher: Dispatcher; path: string } {
    let found = this.dispatchers.get(url);
    if (!found) {
      const urls = splitSubgraphUrl(url);
      if (urls.length === 0) throw new Error(`no subgraph URL in "${url}"`);
      const poolOptions = { connections: this.options.connections, pipelining: this.options.pipelining };
      const dispatcher = urls.length === 1 ? new Pool(urls[0]!.origin, poolOptions) : new BalancedPool(urls.map((u) => u.origin), poolOptions);
      found = { dispatcher, path: urls[0]!.pathname + urls[0]!.search };
      this.dispatchers.set(url, found);
    }
    return found;
  }

  private async send(url: string, method: string, headers: Record<string, string>, body: string | undefined): Promise<RawResponse> {
    const { dispatcher, path } = this.dispatcherFor(url);
    this.stats.sent++;
    const response = await dispatcher.request({ method: method as Dispatcher.HttpMethod, path, headers, body });
    return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
  }
}
