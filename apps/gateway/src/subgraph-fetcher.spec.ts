import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { parse, type OperationDefinitionNode } from 'graphql';
import { ForwardingDataSource, isShareable, type GatewayContext } from './gateway';
import { SHAREABLE_HEADER, SubgraphFetcher } from './subgraph-fetcher';

/** A stand-in subgraph: records every request it receives and answers only when the test releases it. */
class HeldSubgraph {
  readonly received: { headers: IncomingHttpHeaders; body: string }[] = [];
  private readonly held: (() => void)[] = [];
  private server!: Server;
  url = '';

  constructor(private readonly answer: (body: string) => { status: number; body: string } = (body) => ({ status: 200, body: JSON.stringify({ data: { echo: body.length, at: this.received.length } }) })) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body });
        const { status, body: text } = this.answer(body);
        this.held.push(() => res.writeHead(status, { 'content-type': 'application/json' }).end(text));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
    return this;
  }

  /** Waits until `count` requests have arrived, then answers all of them. */
  async releaseWhen(count: number): Promise<void> {
    while (this.received.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
    this.held.splice(0).forEach((answer) => answer());
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const QUERY = JSON.stringify({ query: 'query Dashboard__org__0($id:ID!){compound(id:$id){id name}}', variables: { id: 'c1' } });
const MUTATION = JSON.stringify({ query: 'mutation RaiseMatter__deliberation__0($input:RaiseMatterInput!){raiseMatter(input:$input){id}}', variables: { input: { title: 't' } } });
const headers = (authorization: string, shareable = true) => ({ 'content-type': 'application/json', authorization, ...(shareable ? { [SHAREABLE_HEADER]: '1' } : {}) });

describe('SubgraphFetcher', () => {
  let subgraph: HeldSubgraph;
  let fetcher: SubgraphFetcher;

  beforeEach(async () => {
    subgraph = await new HeldSubgraph().start();
    fetcher = new SubgraphFetcher({ connections: 8, pipelining: 1, dedupe: true });
  });
  afterEach(async () => {
    await fetcher.close();
    await subgraph.stop();
  });

  it('sends identical in-flight queries of one caller once and gives each its own copy of the answer', async () => {
    const calls = Array.from({ length: 5 }, () => fetcher.fetch(subgraph.url, { method: 'POST', headers: headers('Bearer a'), body: QUERY }));
    await subgraph.releaseWhen(1);
    const answers = await Promise.all(calls.map(async (call) => (await call).json()));
    expect(subgraph.received).toHaveLength(1);
    expect(fetcher.stats).toEqual({ sent: 1, shared: 4 });
    expect(answers[0]).toEqual({ data: { echo: QUERY.length, at: 1 } });
    (answers[0] as { data: { echo: number } }).data.echo = -1;
    expect(answers[1]).toEqual({ data: { echo: QUERY.length, at: 1 } });
  });

  it('never shares a request that is not marked shareable (mutations and everything around them)', async () => {
    const calls = Array.from({ length: 3 }, () => fetcher.fetch(subgraph.url, { method: 'POST', headers: headers('Bearer a', false), body: MUTATION }));
    await subgraph.releaseWhen(3);
    await Promise.all(calls);
    expect(subgraph.received).toHaveLength(3);
    expect(fetcher.stats.shared).toBe(0);
  });

  it('never shares between different authorizations', async () => {
    const calls = ['Bearer a', 'Bearer b', 'Bearer a'].map((auth) => fetcher.fetch(subgraph.url, { method: 'POST', headers: headers(auth), body: QUERY }));
    await subgraph.releaseWhen(2);
    await Promise.all(calls);
    expect(subgraph.received.map((r) => r.headers.authorization).sort()).toEqual(['Bearer a', 'Bearer b']);
  });

  it('shares only while in flight: a request after the answer is sent again', async () => {
    const first = fetcher.fetch(subgraph.url, { method: 'POST', headers: headers('Bearer a'), body: QUERY });
    await subgraph.releaseWhen(1);
    await first;
    const second = fetcher.fetch(subgraph.url, { method: 'POST', headers: headers('Bearer a'), body: QUERY });
    await subgraph.releaseWhen(2);
    expect(await (await second).json()).toEqual({ data: { echo: QUERY.length, at: 2 } });
  });

  it('does not share when switched off', async () => {
    const plain = new SubgraphFetcher({ connections: 8, pipelining: 1, dedupe: false });
    try {
      const calls = [1, 2].map(() => plain.fetch(subgraph.url, { method: 'POST', headers: headers('Bearer a'), body: QUERY }));
      await subgraph.releaseWhen(2);
      await Promise.all(calls);
      expect(subgraph.received).toHaveLength(2);
    } finally {
      await plain.close();
    }
  });

  it('forwards the headers, never its own marker, and keeps the status of a refused request', async () => {
    const refusing = await new HeldSubgraph(() => ({ status: 400, body: '{"errors":[{"message":"bad"}]}' })).start();
    try {
      const call = fetcher.fetch(refusing.url, { method: 'POST', headers: { ...headers('Bearer a'), 'x-request-id': 'r-1' }, body: QUERY });
      await refusing.releaseWhen(1);
      const response = await call;
      expect([response.status, response.ok, response.headers.get('Content-Type')]).toEqual([400, false, 'application/json']);
      expect(await response.text()).toBe('{"errors":[{"message":"bad"}]}');
      expect(refusing.received[0]!.headers).toMatchObject({ authorization: 'Bearer a', 'x-request-id': 'r-1' });
      expect(refusing.received[0]!.headers).not.toHaveProperty(SHAREABLE_HEADER);
    } finally {
      await refusing.stop();
    }
  });

  it('spreads the requests of a subgraph listed with several instances over all of them', async () => {
    const other = await new HeldSubgraph().start();
    try {
      const both = `${subgraph.url},${other.url}`;
      const calls = Array.from({ length: 6 }, (_, i) => fetcher.fetch(both, { method: 'POST', headers: headers(`Bearer ${i}`), body: QUERY }));
      while (subgraph.received.length + other.received.length < 6) await new Promise((resolve) => setTimeout(resolve, 5));
      await Promise.all([subgraph.releaseWhen(subgraph.received.length), other.releaseWhen(other.received.length)]);
      await Promise.all(calls);
      expect(subgraph.received.length).toBeGreaterThan(0);
      expect(other.received.length).toBeGreaterThan(0);
    } finally {
      await other.stop();
    }
  });
});

describe('the data source around the fetcher', () => {
  const optionsFor = (incoming: string, subgraphQuery: string): GraphQLDataSourceProcessOptions<GatewayContext> =>
    ({
      kind: 'incoming operation',
      request: { query: subgraphQuery, variables: {}, http: { method: 'POST', url: '', headers: new Headers() } },
      context: { requestId: 'r-1', authorization: 'Bearer a' },
      incomingRequestContext: { operation: parse(incoming).definitions[0] as OperationDefinitionNode },
    }) as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;

  it('marks a query inside an incoming query shareable, and nothing that belongs to a mutation', () => {
    expect(isShareable(optionsFor('query Q { a }', 'query Q__org__0{a}'))).toBe(true);
    expect(isShareable(optionsFor('{ a }', '{a}'))).toBe(true);
    expect(isShareable(optionsFor('mutation M { a }', 'mutation M__org__0{a}'))).toBe(false);
    expect(isShareable(optionsFor('mutation M { a }', 'query($representations:[_Any!]!){_entities(representations:$representations){__typename}}'))).toBe(false);
    expect(isShareable(optionsFor('query Q { a }', 'mutation X{a}'))).toBe(false);
  });

  describe.each([
    ['Apollo’s process (any fetcher)', false],
    ['the lean process used with the undici fetcher', true],
  ])('through %s', (_label, lean) => {
    it('forwards the token and request id, and marks only reads of an incoming query for sharing', async () => {
      const sent: Record<string, string>[] = [];
      const source = new ForwardingDataSource({
        url: 'http://subgraph.invalid/graphql',
        lean,
        fetcher: async (_url, init) => {
          sent.push(init?.headers ?? {});
          throw new Error('not sent');
        },
      });
      expect(source.lean).toBe(lean);
      await expect(source.process(optionsFor('query Q { a }', 'query Q__org__0{a}'))).rejects.toThrow('not sent');
      await expect(source.process(optionsFor('mutation M { a }', 'mutation M__org__0{a}'))).rejects.toThrow('not sent');
      expect(sent).toEqual([
        expect.objectContaining({ authorization: 'Bearer a', 'x-request-id': 'r-1', 'content-type': 'application/json', [SHAREABLE_HEADER]: '1' }),
        expect.not.objectContaining({ [SHAREABLE_HEADER]: expect.anything() }),
      ]);
    });

    it('answers with the subgraph’s body, and turns its 400 BAD_USER_INPUT into the client’s answer', async () => {
      const error = { message: 'amountFen: must be a whole number of fen', extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_FEN', field: 'amountFen' } };
      let refuse = false;
      const subgraph = await new HeldSubgraph((body) =>
        refuse ? { status: 400, body: JSON.stringify({ errors: [error] }) } : { status: 200, body: JSON.stringify({ data: { sent: JSON.parse(body) as unknown } }) },
      ).start();
      const fetcher = new SubgraphFetcher({ connections: 2, pipelining: 1, dedupe: true });
      try {
        const source = new ForwardingDataSource({ url: subgraph.url, fetcher: fetcher.fetch, lean });
        const answered = source.process(optionsFor('query Q { a }', 'query Q__fund__0{a}'));
        await subgraph.releaseWhen(1);
        expect(await answered).toMatchObject({ data: { sent: { query: 'query Q__fund__0{a}', variables: {} } } });

        refuse = true;
        const processed = source.process(optionsFor('query Q { a }', 'query Q__fund__0{a}'));
        const refused = expect(processed).rejects.toMatchObject({ message: error.message, extensions: error.extensions });
        await subgraph.releaseWhen(2);
        await refused;
        expect(subgraph.received[1]!.headers).toMatchObject({ authorization: 'Bearer a', 'x-request-id': 'r-1' });
      } finally {
        await fetcher.close();
        await subgraph.stop();
      }
    });
  });
});
